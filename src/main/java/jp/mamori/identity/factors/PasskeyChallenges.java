package jp.mamori.identity.factors;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.ClientSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.util.Assert;

/**
 * The WebAuthn challenges Mamori has handed out and not yet seen answered, in PostgreSQL so that any
 * node can take the answer.
 *
 * <p>Security decisions:
 * <ul>
 * <li>A challenge is taken by deleting its row: of two answers to one challenge only the first gets
 * it, so an assertion cannot be replayed.</li>
 * <li>A challenge is worthless after {@link #VALIDITY} by the injected clock, whatever the client
 * does with its own timeout.</li>
 * <li>A challenge names its purpose and, where there is one, its account: one handed out to sign in
 * cannot register a passkey, one for another account's second step does not complete this one.</li>
 * <li>One source address holds at most {@link #MAX_PER_SOURCE} live challenges, so anonymous callers
 * cannot fill the table; expired rows are removed whenever a challenge is handed out.</li>
 * </ul>
 */
public final class PasskeyChallenges {

	public static final Duration VALIDITY = Duration.ofMinutes(5);

	static final int MAX_PER_SOURCE = 10;

	/** What a challenge may be answered for. */
	public enum Purpose {

		REGISTRATION("registration"), SIGN_IN("sign_in"), SECOND_FACTOR("second_factor");

		private final String column;

		Purpose(String column) {
			this.column = column;
		}

	}

	/**
	 * A challenge handed out.
	 * @param id what the client sends back with its answer
	 * @param challenge the random bytes the authenticator signs
	 */
	public record Issued(UUID id, Bytes challenge) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	PasskeyChallenges(JdbcClient jdbc, Clock clock) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Hand out a new challenge.
	 * @param account whose registration or second step it is; {@code null} for a sign-in
	 * @return the challenge, or empty if the source already holds {@link #MAX_PER_SOURCE}
	 */
	public Optional<Issued> issue(Purpose purpose, CustomerId account, Bytes challenge, ClientSource source) {
		Instant now = this.clock.instant();
		this.jdbc.sql("delete from identity_passkey_challenge where expires_at <= ?").param(Timestamp.from(now)).update();
		long live = this.jdbc
			.sql("select count(*) from identity_passkey_challenge where source_address = ? and expires_at > ?")
			.params(source.addressText(), Timestamp.from(now))
			.query(Long.class)
			.single();
		if (live >= MAX_PER_SOURCE) {
			return Optional.empty();
		}
		UUID id = UUID.randomUUID();
		this.jdbc.sql("""
				insert into identity_passkey_challenge (id, purpose, account_id, challenge, source_address, expires_at)
				values (?, ?, ?, ?, ?, ?)""")
			.params(id, purpose.column, (account != null) ? account.value() : null, challenge.getBytes(),
					source.addressText(), Timestamp.from(now.plus(VALIDITY)))
			.update();
		return Optional.of(new Issued(id, challenge));
	}

	/**
	 * Take a challenge for its one answer.
	 * @param id as the client sent it; anything is accepted
	 * @param account the account the answer is for, or {@code null} for a sign-in
	 * @return the challenge's bytes, if it was handed out for this purpose and account and is still valid
	 */
	public Optional<Bytes> take(String id, Purpose purpose, CustomerId account) {
		UUID key;
		try {
			key = UUID.fromString((id != null) ? id : "");
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		Timestamp now = Timestamp.from(this.clock.instant());
		if (account == null) {
			return this.jdbc.sql("""
					delete from identity_passkey_challenge
					where id = ? and purpose = ? and account_id is null and expires_at > ? returning challenge""")
				.params(key, purpose.column, now)
				.query((rs, row) -> new Bytes(rs.getBytes(1)))
				.optional();
		}
		return this.jdbc.sql("""
				delete from identity_passkey_challenge
				where id = ? and purpose = ? and account_id = ? and expires_at > ? returning challenge""")
			.params(key, purpose.column, account.value(), now)
			.query((rs, row) -> new Bytes(rs.getBytes(1)))
			.optional();
	}

}
