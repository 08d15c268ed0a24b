package jp.mamori.identity.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import jp.mamori.identity.CustomerId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * The tokens of unlock links in PostgreSQL. Security decisions: a token is 256 random bits, valid for
 * {@link #VALIDITY}, stored only as its SHA-256 (a token this strong needs no salt or stretching), so a
 * copy of the database unlocks nothing; one token per account, replaced by the next lockout and
 * deleted when used or found expired.
 */
public final class UnlockTokens {

	static final Duration VALIDITY = Duration.ofHours(24);

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final Clock clock;

	public UnlockTokens(JdbcClient jdbc, Clock clock) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Make a new link for the account, replacing any earlier one, in the caller's transaction.
	 * @return the token, to be mailed and then forgotten
	 */
	String issue(CustomerId account) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		// Base64url, not hex: a long run of digits in a hex token can look like a card number, which the
		// card-number guard refuses before the token is read.
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into identity_unlock_token (account_id, token_hash, created_at, expires_at) values (?, ?, ?, ?)
				on conflict (account_id) do update set token_hash = excluded.token_hash,
				    created_at = excluded.created_at, expires_at = excluded.expires_at""")
			.params(account.value(), hash(token), Timestamp.from(now), Timestamp.from(now.plus(VALIDITY)))
			.update();
		return token;
	}

	/** @return the account of a valid token, which is used up now; an expired token is deleted too */
	Optional<CustomerId> use(String token) {
		record Found(UUID account, Instant expiresAt) {
		}
		return this.jdbc.sql("delete from identity_unlock_token where token_hash = ? returning account_id, expires_at")
			.param(hash(token))
			.query((rs, row) -> new Found(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant()))
			.optional()
			.filter((found) -> found.expiresAt().isAfter(this.clock.instant()))
			.map((found) -> new CustomerId(found.account()));
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
