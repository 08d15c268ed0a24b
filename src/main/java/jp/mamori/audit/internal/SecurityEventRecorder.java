package jp.mamori.audit.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import jp.mamori.audit.SecurityEventLog;
import jp.mamori.platform.SecurityEvent;
import jp.mamori.platform.db.DeferredWrites;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * Persists every published {@link SecurityEvent}, insert-only. A plain (synchronous) listener: the
 * insert uses the publisher's transaction when there is one, so an event is stored exactly when the
 * work that raised it commits. Nothing reads an event back in the transaction that raised it, so the
 * insert goes to the database with the transaction's other write-only rows, in its commit
 * ({@link DeferredWrites}); without a transaction it is written at once. The event record itself
 * refuses e-mail addresses and card numbers.
 */
final class SecurityEventRecorder implements SecurityEventLog {

	private static final TypeReference<Map<String, String>> ATTRIBUTES = new TypeReference<>() {
	};

	private static final int MAX_LIMIT = 1000;

	private final JdbcClient jdbc;

	private final DeferredWrites writes;

	private final JsonMapper json;

	SecurityEventRecorder(JdbcClient jdbc, DeferredWrites writes, JsonMapper json) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(writes, "writes cannot be null");
		Assert.notNull(json, "json cannot be null");
		this.jdbc = jdbc;
		this.writes = writes;
		this.json = json;
	}

	@EventListener
	void on(SecurityEvent event) {
		this.writes.write("insert into security_event (id, name, occurred_at, attributes) values (?, ?, ?, ?)",
				event.id(), event.name(), OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC),
				CanonicalJson.write(event.attributes(), Integer.MAX_VALUE));
	}

	@Override
	public List<SecurityEvent> recent(String namePrefix, int limit) {
		Assert.notNull(namePrefix, "namePrefix cannot be null");
		Assert.isTrue(limit > 0 && limit <= MAX_LIMIT, "limit must be between 1 and " + MAX_LIMIT);
		String pattern = namePrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		return this.jdbc
			.sql("select id, name, occurred_at, attributes from security_event where name like ? escape '\\' "
					+ "order by occurred_at desc, recorded desc limit ?")
			.params(pattern, limit)
			.query((rs, row) -> new SecurityEvent(rs.getObject(1, java.util.UUID.class), rs.getString(2),
					rs.getObject(3, OffsetDateTime.class).toInstant(), this.json.readValue(rs.getString(4), ATTRIBUTES)))
			.list();
	}

}
