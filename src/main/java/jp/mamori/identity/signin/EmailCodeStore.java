package jp.mamori.identity.signin;

import java.sql.Timestamp;
import java.time.Instant;

import jp.mamori.identity.CustomerId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * The {@code identity_email_code} table: an account's current e-mail code (as a salted hash) and its
 * failure budget. Callers hold a transaction around {@link #lock} and the updates that follow it.
 */
final class EmailCodeStore {

	/**
	 * An account's row. {@link #toString()} withholds the hash.
	 * @param codeHash {@code null} when there is no usable code
	 */
	record State(byte[] codeSalt, byte[] codeHash, int codeAttempts, Instant codeExpiresAt, int failures,
			Instant windowStartedAt) {

		boolean hasCode() {
			return this.codeHash != null;
		}

		@Override
		public String toString() {
			return "EmailCodeState[codeHash=(withheld), codeAttempts=" + this.codeAttempts + ", failures="
					+ this.failures + "]";
		}

	}

	private final JdbcClient jdbc;

	EmailCodeStore(JdbcClient jdbc) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		this.jdbc = jdbc;
	}

	/** Read the account's row {@code for update}, creating an empty one first if there is none. */
	State lock(CustomerId account) {
		this.jdbc.sql("""
				insert into identity_email_code (account_id, code_attempts, failures)
				values (?, 0, 0) on conflict (account_id) do nothing""")
			.param(account.value())
			.update();
		return this.jdbc.sql("""
				select code_salt, code_hash, code_attempts, code_expires_at, failures, window_started_at
				from identity_email_code where account_id = ? for update""")
			.param(account.value())
			.query((rs, row) -> new State(rs.getBytes(1), rs.getBytes(2), rs.getInt(3), instant(rs.getTimestamp(4)),
					rs.getInt(5), instant(rs.getTimestamp(6))))
			.single();
	}

	/** Replace any code with a new one; the failure budget stays as it is. */
	void replaceCode(CustomerId account, byte[] salt, byte[] hash, Instant expiresAt) {
		this.jdbc.sql("""
				update identity_email_code set code_salt = ?, code_hash = ?, code_attempts = 0, code_expires_at = ?
				where account_id = ?""")
			.params(salt, hash, Timestamp.from(expiresAt), account.value())
			.update();
	}

	/** Forget the code: used, expired or out of tries. */
	void clearCode(CustomerId account) {
		this.jdbc.sql("""
				update identity_email_code set code_salt = null, code_hash = null, code_expires_at = null
				where account_id = ?""")
			.param(account.value())
			.update();
	}

	/** Store one more wrong try against the code and the account's budget. */
	void countFailure(CustomerId account, int codeAttempts, int failures, Instant windowStartedAt) {
		this.jdbc.sql("""
				update identity_email_code set code_attempts = ?, failures = ?, window_started_at = ?
				where account_id = ?""")
			.params(codeAttempts, failures, Timestamp.from(windowStartedAt), account.value())
			.update();
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
