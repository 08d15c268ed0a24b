package jp.mamori.audit.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jp.mamori.audit.Actor;
import jp.mamori.audit.InvalidLogEntryException;
import jp.mamori.audit.OperationLog;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * Appends entries with one plain INSERT: no lock and no read of the chain, so concurrent writers on
 * any number of nodes never wait for each other. The JDBC connection is the caller's transactional
 * one when a transaction is active, which puts the entry in the same transaction as the change.
 */
final class JdbcOperationLog implements OperationLog {

	static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+){0,5}");

	static final int MAX_ACTION = 100;

	static final int MAX_TEXT = 200;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final int maxDetailsLength;

	private final EntryMac macs;

	JdbcOperationLog(JdbcClient jdbc, Clock clock, int maxDetailsLength, EntryMac macs) {
		Assert.notNull(macs, "macs cannot be null");
		this.macs = macs;
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		Assert.isTrue(maxDetailsLength > 0, "maxDetailsLength must be positive");
		this.jdbc = jdbc;
		this.clock = clock;
		this.maxDetailsLength = maxDetailsLength;
	}

	@Override
	public UUID record(Actor actor, String action, String subject, String purpose, Map<String, ?> details) {
		if (actor == null) {
			throw new InvalidLogEntryException("actor cannot be null");
		}
		if (action == null || action.length() > MAX_ACTION || !ACTION.matcher(action).matches()) {
			throw new InvalidLogEntryException("action must be a dotted lower-case name such as order.viewed");
		}
		checkText("subject", subject);
		checkText("purpose", purpose);
		String json = CanonicalJson.write(details, this.maxDetailsLength);
		UUID id = UUID.randomUUID();
		// Stored with microsecond precision; truncating here keeps the value hashed equal to the value stored.
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		// One HMAC per entry, no round trip: the key never leaves this process.
		byte[] mac = this.macs.sign(id, CheckpointSigner.micros(now), actor.kind().name(), actor.id(), action, subject,
				purpose, json);
		this.jdbc
			.sql("insert into audit_entry (entry_uuid, occurred_at, actor_kind, actor_id, action, subject, purpose, "
					+ "details, mac, mac_key_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(id, OffsetDateTime.ofInstant(now, ZoneOffset.UTC), actor.kind().name(), actor.id(), action,
					subject, purpose, json, mac, this.macs.currentKeyId())
			.update();
		return id;
	}

	private static void checkText(String name, String value) {
		if (value == null) {
			return;
		}
		if (value.length() > MAX_TEXT) {
			throw new InvalidLogEntryException(name + " is longer than " + MAX_TEXT + " characters");
		}
		if (value.indexOf('\0') >= 0) {
			throw new InvalidLogEntryException("NUL characters are not allowed in the log (" + name + ")");
		}
	}

}
