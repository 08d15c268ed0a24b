package jp.mamori.identity.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jp.mamori.audit.Actor;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.CustomerSupport;
import jp.mamori.identity.CustomerSupport.CustomerView;
import jp.mamori.identity.CustomerSupport.Lockout;
import jp.mamori.vault.EmailAddress;
import jp.mamori.vault.Reader;
import jp.mamori.vault.Sealed;
import jp.mamori.vault.Vault;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * A customer's account as a member of staff sees it: identifiers, times, which second factors exist,
 * the lockout, and the name and e-mail address masked.
 *
 * <p>Security decisions: the name and address are opened by the member of staff
 * ({@link Reader#staff}) for the purpose {@value #PURPOSE}, so each read is written to the operation
 * log in the same transaction, before the masked value leaves; only the masked forms are returned.
 * Secrets (password hash, TOTP secret, recovery codes, passkeys' keys) are never read, only whether
 * they exist.
 */
public final class StaffCustomers implements CustomerSupport {

	public static final String PURPOSE = "staff.customer-view";

	private record Row(String userId, Instant createdAt, Instant emailConfirmedAt, boolean password,
			boolean passwordResetRequired, Sealed name, Sealed email) {
	}

	private final JdbcClient jdbc;

	private final Vault vault;

	private final TransactionOperations transactions;

	private final Clock clock;

	private final ForcedPasswordResets resets;

	public StaffCustomers(JdbcClient jdbc, Vault vault, TransactionOperations transactions, Clock clock,
			ForcedPasswordResets resets) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(vault, "vault cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		Assert.notNull(resets, "resets cannot be null");
		this.jdbc = jdbc;
		this.vault = vault;
		this.transactions = transactions;
		this.clock = clock;
		this.resets = resets;
	}

	/**
	 * @param customer the account to show
	 * @param staff who reads it, named in the operation log for every field opened
	 * @return the account, or empty if there is none with this identifier
	 */
	@Override
	public Optional<CustomerView> find(CustomerId customer, Actor staff) {
		Assert.isTrue(staff != null && staff.kind() == Actor.Kind.STAFF, "staff must be a member of staff");
		Assert.notNull(customer, "customer cannot be null");
		Assert.notNull(staff, "staff cannot be null");
		UUID id = customer.value();
		return this.transactions.execute((tx) -> this.jdbc.sql("""
				select user_id, created_at, email_confirmed_at, password_hash is not null,
				       password_reset_required_at is not null, name_sealed, name_key_ref, email_sealed, email_key_ref
				from identity_customer_account where id = ?""")
			.param(id)
			.query(StaffCustomers::row)
			.optional()
			.map((row) -> view(id, row, Reader.staff(staff.id()))));
	}

	private CustomerView view(UUID id, Row row, Reader reader) {
		String name = (row.name() != null) ? CustomerFields
			.decodeName(this.vault.open(row.name(), CustomerFields.context(id, CustomerFields.NAME), reader, PURPOSE))
			.masked() : null;
		String email = (row.email() != null) ? EmailAddress
			.of(this.vault.open(row.email(), CustomerFields.context(id, CustomerFields.EMAIL), reader, PURPOSE))
			.masked() : null;
		return new CustomerView(id.toString(), row.userId(), row.createdAt(), row.emailConfirmedAt(), row.password(),
				row.passwordResetRequired(), factors(id), lockout(id), name, email);
	}

	@Override
	public ForcedResets forcePasswordReset(Set<CustomerId> customers, Actor staff) {
		return this.resets.force(customers, staff);
	}

	private List<String> factors(UUID id) {
		List<String> factors = new ArrayList<>();
		if (exists("select 1 from identity_customer_totp where account_id = ? and confirmed_at is not null", id)) {
			factors.add("totp");
		}
		if (exists("""
				select 1 from identity_passkey_credential c join identity_passkey_user u on u.id = c.user_entity_user_id
				where u.account_id = ?""", id)) {
			factors.add("passkey");
		}
		if (exists("select 1 from identity_customer_recovery_code where account_id = ?", id)) {
			factors.add("recovery_codes");
		}
		return factors;
	}

	private Lockout lockout(UUID id) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("select failures, locked_until from identity_account_lockout where account_id = ?")
			.param(id)
			.query((rs, n) -> {
				Instant until = instant(rs, 2);
				boolean locked = until != null && until.isAfter(now);
				return new Lockout(locked, locked ? until : null, rs.getInt(1));
			})
			.optional()
			.orElse(new Lockout(false, null, 0));
	}

	private boolean exists(String sql, UUID id) {
		return this.jdbc.sql(sql + " limit 1").param(id).query((rs, n) -> true).optional().isPresent();
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getString(1), instant(rs, 2), instant(rs, 3), rs.getBoolean(4), rs.getBoolean(5),
				sealed(rs, 6), sealed(rs, 8));
	}

	private static Sealed sealed(ResultSet rs, int column) throws SQLException {
		byte[] ciphertext = rs.getBytes(column);
		return (ciphertext != null) ? Sealed.of(ciphertext, rs.getString(column + 1)) : null;
	}

	private static Instant instant(ResultSet rs, int column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
