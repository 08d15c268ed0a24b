package jp.mamori.identity.factors;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.account.CustomerFields;
import jp.mamori.identity.credentials.RecoveryCodes;
import jp.mamori.identity.credentials.TotpSecrets;
import jp.mamori.vault.Sealed;
import jp.mamori.vault.Vault;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * A customer's TOTP authenticator: enrolment, confirmation with recovery codes, removal, and the
 * check of a code at sign-in.
 *
 * <p>Security decisions:
 * <ul>
 * <li>The 20-byte secret is sealed by the vault for the customer (field {@value #FIELD}) before it is
 * written; it is opened only by the customer's own read, to check a code or to show a secret that is
 * not yet confirmed to its owner again.</li>
 * <li>An enrolment counts only once confirmed with a code from the authenticator, so a secret that
 * never reached an app cannot lock its owner out. Starting again replaces an unconfirmed secret and
 * never an active one: turning TOTP off is a separate, deliberate step.</li>
 * <li>Checking a code locks the row, so two requests with one code cannot both pass ({@link TotpSecrets}).</li>
 * </ul>
 */
public final class TotpFactor implements SecondFactor {

	static final String FIELD = "customer.totp";

	/** Which kind of code passed a sign-in, if any. */
	public enum Verification {

		TOTP, RECOVERY_CODE, REFUSED

	}

	private static final TotpSecrets.Columns COLUMNS = new TotpSecrets.Columns("identity_customer_totp", "account_id",
			"secret_sealed", "secret_key_ref", "confirmed_at", "last_step");

	private final JdbcClient jdbc;

	private final TotpSecrets secrets;

	private final TransactionOperations transactions;

	private final Clock clock;

	TotpFactor(JdbcClient jdbc, Vault vault, TransactionOperations transactions, Clock clock) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(vault, "vault cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jdbc = jdbc;
		this.secrets = new TotpSecrets(jdbc, vault, COLUMNS, (id) -> CustomerFields.context(id, FIELD),
				"identity.totp.verify");
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * @param accountId an SQL expression for the account's UUID
	 * @return an SQL condition: the account has a confirmed authenticator (one that is only being set up
	 * does not count)
	 */
	static String confirmedFor(String accountId) {
		return "exists (select 1 from identity_customer_totp t where t.account_id = %s and t.confirmed_at is not null)"
			.formatted(accountId);
	}

	@Override
	public boolean required(CustomerId account) {
		return Boolean.TRUE.equals(this.jdbc.sql("select " + confirmedFor("?::uuid"))
			.param(account.value())
			.query(Boolean.class)
			.single());
	}

	Optional<TotpSecrets.Enrolment> start(CustomerId account) {
		String base32 = TotpSecrets.newSecret();
		UUID id = account.value();
		Optional<String> userId = this.transactions.execute((status) -> {
			Sealed sealed = this.secrets.seal(id, base32);
			int written = this.jdbc.sql("""
					insert into identity_customer_totp (account_id, secret_sealed, secret_key_ref, created_at)
					values (?, ?, ?, ?)
					on conflict (account_id) do update
					set secret_sealed = excluded.secret_sealed, secret_key_ref = excluded.secret_key_ref,
					    created_at = excluded.created_at
					where identity_customer_totp.confirmed_at is null""")
				.params(id, sealed.ciphertext(), sealed.keyReference(), Timestamp.from(this.clock.instant()))
				.update();
			if (written == 0) {
				return Optional.empty();
			}
			return Optional.of(this.jdbc.sql("select user_id from identity_customer_account where id = ?")
				.param(id)
				.query(String.class)
				.single());
		});
		return userId.map((user) -> TotpSecrets.Enrolment.of(user, base32));
	}

	/**
	 * The enrolment started and not yet confirmed, to show to its owner again (a page reloaded, a code
	 * mistyped). Security decision: opened as the customer's own read, and never once confirmed.
	 * @return the waiting enrolment, or empty if there is none or TOTP is already active
	 */
	Optional<TotpSecrets.Enrolment> pending(CustomerId account) {
		UUID id = account.value();
		return this.jdbc.sql("""
				select a.user_id, t.secret_sealed, t.secret_key_ref from identity_customer_totp t
				join identity_customer_account a on a.id = t.account_id
				where t.account_id = ? and t.confirmed_at is null""")
			.param(id)
			.query((rs, row) -> TotpSecrets.Enrolment.of(rs.getString(1),
					this.secrets.open(id, Sealed.of(rs.getBytes(2), rs.getString(3)), "identity.totp.enrol")))
			.optional();
	}

	/**
	 * Activate a started enrolment with a current code.
	 * @return the recovery codes, to be shown once; empty if there is no enrolment waiting or the code is wrong
	 */
	Optional<List<String>> confirm(CustomerId account, String code) {
		Instant now = this.clock.instant();
		return this.transactions.execute((status) -> {
			Optional<TotpSecrets.Stored> stored = this.secrets.lock(account.value());
			if (stored.isEmpty() || stored.get().confirmed()
					|| this.secrets.accept(account.value(), stored.get(), code, now).isEmpty()) {
				return Optional.empty();
			}
			List<String> recovery = RecoveryCodes.generate();
			this.jdbc.sql("delete from identity_customer_recovery_code where account_id = ?")
				.param(account.value())
				.update();
			for (String each : recovery) {
				this.jdbc.sql("insert into identity_customer_recovery_code (account_id, code_hash) values (?, ?)")
					.params(account.value(), RecoveryCodes.hash(account.value(), each))
					.update();
			}
			return Optional.of(recovery);
		});
	}

	/** @return whether the account had TOTP (active or waiting) that is now gone, with its recovery codes */
	boolean remove(CustomerId account) {
		return Boolean.TRUE.equals(this.transactions.execute((status) -> {
			this.jdbc.sql("delete from identity_customer_recovery_code where account_id = ?")
				.param(account.value())
				.update();
			return this.jdbc.sql("delete from identity_customer_totp where account_id = ?")
				.param(account.value())
				.update() > 0;
		}));
	}

	/** Check a code at sign-in: a six-digit TOTP code, or else a recovery code, which is spent. */
	public Verification verify(CustomerId account, String code) {
		if (code == null || code.isBlank() || code.length() > 64) {
			return Verification.REFUSED;
		}
		Instant now = this.clock.instant();
		return this.transactions.execute((status) -> {
			Optional<TotpSecrets.Stored> stored = this.secrets.lock(account.value());
			if (stored.isEmpty() || !stored.get().confirmed()) {
				return Verification.REFUSED;
			}
			if (code.chars().allMatch(Character::isDigit)) {
				return this.secrets.accept(account.value(), stored.get(), code, now).isPresent() ? Verification.TOTP
						: Verification.REFUSED;
			}
			int spent = this.jdbc.sql("delete from identity_customer_recovery_code where account_id = ? and code_hash = ?")
				.params(account.value(), RecoveryCodes.hash(account.value(), code))
				.update();
			return (spent == 1) ? Verification.RECOVERY_CODE : Verification.REFUSED;
		});
	}

}
