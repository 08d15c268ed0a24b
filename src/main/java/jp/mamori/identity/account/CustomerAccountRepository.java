package jp.mamori.identity.account;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.JdbcAccountLockout;
import jp.mamori.identity.credentials.JdbcSourceThrottle;
import jp.mamori.identity.credentials.SourceThrottle;
import jp.mamori.identity.factors.SecondFactors;

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

	/**
	 * What a password sign-in needs to know of an account, read in one statement so that a sign-in
	 * costs one round trip before the hash instead of five. {@link #toString()} withholds the hash.
	 * @param passwordHash the hash, or {@code null} for a passwordless account
	 * @param passwordResetRequired whether an operator forced a new password
	 * @param secondFactor whether a confirmed TOTP authenticator or a passkey must follow the password
	 * @param lockoutPending whether the lockout counts anything for the account (failures, a doubling or
	 * a lock) that a right password must clear under the lockout's row lock
	 * @param lockedUntil the end of the account's lock as last written, possibly already past, or
	 * {@code null} when it has none; the lockout decides under its row lock whether it still holds
	 */
	public record SignInCandidate(CustomerId id, String passwordHash, boolean passwordResetRequired, boolean secondFactor,
			boolean lockoutPending, Instant lockedUntil) {

		@Override
		public String toString() {
			return "SignInCandidate[id=" + this.id + ", passwordHash=(withheld), passwordResetRequired="
					+ this.passwordResetRequired + ", secondFactor=" + this.secondFactor + ", lockoutPending="
					+ this.lockoutPending + ", lockedUntil=" + this.lockedUntil + "]";
		}

	}

	/**
	 * What a password sign-in reads before the hash, in one round trip: the source's standing with the
	 * throttle, and the account if the user ID names one.
	 */
	public record ForSignIn(SourceThrottle.Standing standing, Optional<SignInCandidate> candidate) {
	}

	/**
	 * {@link #findForSignIn}'s statement: always one row, with the account's columns {@code null} when
	 * no account has the user ID. The standing is {@link JdbcSourceThrottle}'s, whether a second factor
	 * is required is {@link SecondFactors}'s rule, and whether the lockout has anything to check is
	 * {@link JdbcAccountLockout}'s.
	 */
	private static final String FIND_FOR_SIGN_IN = """
				select %s, a.id, a.password_hash, a.password_reset_required_at is not null, %s, %s, l.locked_until
				from (values (1)) as one
				left join identity_customer_account a on a.user_id_key = ?
				left join identity_account_lockout l on l.account_id = a.id""".formatted(JdbcSourceThrottle.STANDING,
			SecondFactors.requiredFor("a.id"), JdbcAccountLockout.pendingIn("l"));

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

	/**
	 * The source's standing with the throttle, and the account, its flags, whether a second factor must
	 * follow and its lockout state, in one statement. Nothing is locked: the lockout re-reads its row
	 * {@code for update} whenever the state read here says it matters (a lock, or counts a right password
	 * must clear).
	 * @param standingParameters the values of the standing's parameters ({@link SourceThrottle#standingParameters})
	 */
	public ForSignIn findForSignIn(String userIdKey, Object[] standingParameters) {
		Object[] parameters = Arrays.copyOf(standingParameters, standingParameters.length + 1);
		parameters[standingParameters.length] = userIdKey;
		return this.jdbc.sql(FIND_FOR_SIGN_IN)
			.params(parameters)
			.query((rs, row) -> {
				SourceThrottle.Standing standing = SourceThrottle.Standing.read(rs, 1);
				UUID id = rs.getObject(3, UUID.class);
				return new ForSignIn(standing, (id == null) ? Optional.empty()
						: Optional.of(new SignInCandidate(new CustomerId(id), rs.getString(4), rs.getBoolean(5),
								rs.getBoolean(6), rs.getBoolean(7),
								(rs.getTimestamp(8) != null) ? rs.getTimestamp(8).toInstant() : null)));
			})
			.single();
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
