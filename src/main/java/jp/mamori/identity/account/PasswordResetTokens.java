package jp.mamori.identity.account;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import jp.mamori.identity.CustomerId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/** Password-reset tokens, one per account, stored as hashes, and the count of links mailed per window. */
final class PasswordResetTokens {

	private final JdbcClient jdbc;

	PasswordResetTokens(JdbcClient jdbc) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		this.jdbc = jdbc;
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
	Optional<CustomerId> find(byte[] tokenHash, Instant now) {
		return this.jdbc
			.sql("select account_id from identity_password_reset where token_hash = ? and token_expires_at > ?")
			.params(tokenHash, utc(now))
			.query((rs, row) -> new CustomerId(rs.getObject(1, UUID.class)))
			.optional();
	}

	/** Use the token up. @return whether it was still valid, so exactly one caller may use it */
	boolean consume(CustomerId account, byte[] tokenHash, Instant now) {
		return this.jdbc.sql("""
				update identity_password_reset set token_hash = null, token_expires_at = null
				where account_id = ? and token_hash = ? and token_expires_at > ?""")
			.params(account.value(), tokenHash, utc(now))
			.update() == 1;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
