package jp.mamori.identity.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.SecretDigests;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * Password-reset tokens, one per account, made and spent as {@link MailedTokens} are, and the count of
 * links mailed per window. A spent token leaves its row, which keeps the count.
 */
final class PasswordResetTokens {

	private static final MailedTokens.Store STORE = new MailedTokens.Store("identity_password_reset", "token_hash",
			"token_expires_at", false);

	private final JdbcClient jdbc;

	private final MailedTokens tokens;

	PasswordResetTokens(JdbcClient jdbc, Clock clock, SecretDigests digests) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		this.jdbc = jdbc;
		this.tokens = new MailedTokens(jdbc, clock, digests);
	}

	/** @return a new token and its digest, not stored yet */
	MailedTokens.Issued make(Duration validity) {
		return this.tokens.issueLink(validity);
	}

	/**
	 * Replace the account's token, unless {@code maxMails} links were mailed within {@code window}. Must
	 * run in a transaction: the row is locked while it is counted.
	 * @return whether the new token was stored (and may be mailed)
	 */
	boolean replace(CustomerId account, byte[] tokenHash, Instant expiresAt, Instant now, int maxMails,
			Duration window) {
		this.jdbc.sql("""
				insert into identity_password_reset (account_id, mails, window_started_at) values (?, 0, ?)
				on conflict (account_id) do nothing""").params(account.value(), utc(now)).update();
		record Window(int mails, Instant startedAt) {
		}
		Window current = this.jdbc
			.sql("select mails, window_started_at from identity_password_reset where account_id = ? for update")
			.param(account.value())
			.query((rs, row) -> new Window(rs.getInt(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
			.single();
		boolean newWindow = !now.isBefore(current.startedAt().plus(window));
		int mails = newWindow ? 0 : current.mails();
		if (mails >= maxMails) {
			return false;
		}
		this.jdbc.sql("""
				update identity_password_reset set token_hash = ?, token_expires_at = ?, mails = ?, window_started_at = ?
				where account_id = ?""")
			.params(tokenHash, utc(expiresAt), mails + 1, utc(newWindow ? now : current.startedAt()), account.value())
			.update();
		return true;
	}

	/** @return the account whose token this is, if it is still valid; the token stays valid */
	Optional<CustomerId> find(String token) {
		return this.tokens.find(STORE, token);
	}

	/** @return the stored form of {@code token} under the current key */
	byte[] hash(String token) {
		return this.tokens.digest(token);
	}

	/** Use the token up. @return whether it was still the account's and valid, so exactly one caller may use it */
	boolean consume(CustomerId account, String token) {
		return this.tokens.spend(STORE, token).filter(account::equals).isPresent();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
