package jp.mamori.identity.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jp.mamori.identity.CustomerId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * The customer-account table. The one place that will switch to sealed columns when the vault lands:
 * name, e-mail and phone will be added here, through the vault, and nowhere else.
 */
public final class CustomerAccountRepository {

	/** What sign-in needs of an account. {@link #toString()} withholds the hash. */
	public record Credentials(CustomerId id, String passwordHash) {

		@Override
		public String toString() {
			return "Credentials[id=" + this.id + ", passwordHash=(withheld)]";
		}

	}

	private final JdbcClient jdbc;

	public CustomerAccountRepository(JdbcClient jdbc) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		this.jdbc = jdbc;
	}

	/** @return whether the row was inserted; {@code false} when the user ID is taken */
	boolean insert(CustomerId id, String userId, String userIdKey, String passwordHash, Instant now) {
		return this.jdbc.sql("""
				insert into identity_customer_account (id, user_id, user_id_key, password_hash, created_at, password_changed_at)
				values (?, ?, ?, ?, ?, ?) on conflict (user_id_key) do nothing""")
			.params(id.value(), userId, userIdKey, passwordHash, Timestamp.from(now), Timestamp.from(now))
			.update() == 1;
	}

	public Optional<Credentials> findByUserIdKey(String userIdKey) {
		return this.jdbc.sql("select id, password_hash from identity_customer_account where user_id_key = ?")
			.param(userIdKey)
			.query((rs, row) -> new Credentials(new CustomerId(rs.getObject(1, UUID.class)), rs.getString(2)))
			.optional();
	}

	/** @return the user ID the account signs in with */
	public Optional<String> userId(CustomerId id) {
		return this.jdbc.sql("select user_id from identity_customer_account where id = ?")
			.param(id.value())
			.query(String.class)
			.optional();
	}

	/**
	 * Replace the hash only if it is still {@code expected}: two nodes upgrading the same hash at once
	 * cannot overwrite a password changed in between.
	 */
	public boolean replaceHash(CustomerId id, String expected, String replacement) {
		return this.jdbc
			.sql("update identity_customer_account set password_hash = ? where id = ? and password_hash = ?")
			.params(replacement, id.value(), expected)
			.update() == 1;
	}

	/**
	 * @return the account's password hash; empty when the account does not exist or signs in without a
	 * password
	 */
	public Optional<String> passwordHash(CustomerId id) {
		return this.jdbc.sql("select password_hash from identity_customer_account where id = ?")
			.param(id.value())
			.query((rs, row) -> Optional.ofNullable(rs.getString(1)))
			.optional()
			.flatMap((hash) -> hash);
	}

	/** @return whether an operator's forced reset asks this account for a new password */
	boolean passwordResetRequired(CustomerId id) {
		return this.jdbc
			.sql("select password_reset_required_at is not null from identity_customer_account where id = ?")
			.param(id.value())
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/**
	 * Set a new password and clear a forced reset.
	 * @param expected the hash the caller checked, or {@code null} to replace whatever is there (a reset)
	 * @return whether the password was set; {@code false} when it changed meanwhile
	 */
	boolean setPassword(CustomerId id, String expected, String replacement, Instant now) {
		return this.jdbc.sql("""
				update identity_customer_account
				set password_hash = ?, password_changed_at = ?, password_reset_required_at = null
				where id = ? and (cast(? as text) is null or password_hash = ?)""")
			.params(replacement, Timestamp.from(now), id.value(), expected, expected)
			.update() == 1;
	}

}
