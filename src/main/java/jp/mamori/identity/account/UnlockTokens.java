package jp.mamori.identity.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.SecretDigests;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * The tokens of unlock links in PostgreSQL, made, stored and spent as {@link MailedTokens} are.
 * Security decisions: a token is valid for {@link #VALIDITY}; one token per account, replaced by the
 * next lockout and deleted when used or found expired.
 */
public final class UnlockTokens {

	static final Duration VALIDITY = Duration.ofHours(24);

	private static final MailedTokens.Store STORE = new MailedTokens.Store("identity_unlock_token", "token_hash",
			"expires_at", true);

	private final JdbcClient jdbc;

	private final MailedTokens tokens;

	public UnlockTokens(JdbcClient jdbc, Clock clock, SecretDigests digests) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jdbc = jdbc;
		this.tokens = new MailedTokens(jdbc, clock, digests);
	}

	/**
	 * Make a new link for the account, replacing any earlier one, in the caller's transaction.
	 * @return the token, to be mailed and then forgotten
	 */
	String issue(CustomerId account) {
		MailedTokens.Issued issued = this.tokens.issueLink(VALIDITY);
		this.jdbc.sql("""
				insert into identity_unlock_token (account_id, token_hash, created_at, expires_at) values (?, ?, ?, ?)
				on conflict (account_id) do update set token_hash = excluded.token_hash,
				    created_at = excluded.created_at, expires_at = excluded.expires_at""")
			.params(account.value(), issued.digest(), Timestamp.from(issued.issuedAt()), Timestamp.from(issued.expiresAt()))
			.update();
		return issued.token();
	}

	/** @return the account of a valid token, which is used up now; an expired token is deleted too */
	Optional<CustomerId> use(String token) {
		return this.tokens.spend(STORE, token);
	}

	/** @return the stored form of {@code token} under the current key */
	byte[] hash(String token) {
		return this.tokens.digest(token);
	}

}
