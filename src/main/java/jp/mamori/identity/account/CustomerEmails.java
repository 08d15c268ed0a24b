package jp.mamori.identity.account;

import java.util.Optional;
import java.util.UUID;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.UserIds;
import jp.mamori.vault.BlindIndex;
import jp.mamori.vault.EmailAddress;
import jp.mamori.vault.Reader;
import jp.mamori.vault.Sealed;
import jp.mamori.vault.Subject;
import jp.mamori.vault.Vault;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * Finds an account by what a customer types to sign in (user ID or e-mail address) and opens its
 * confirmed e-mail address to write to it. The address is opened as the customer's own ({@link Reader#self}):
 * mailing a customer is acting for them, not an operator reading their data.
 */
public final class CustomerEmails {

	private final CustomerAccountRepository accounts;

	private final BlindIndex index;

	private final Vault vault;

	private final JdbcClient jdbc;

	public CustomerEmails(CustomerAccountRepository accounts, BlindIndex index, Vault vault, JdbcClient jdbc) {
		Assert.notNull(accounts, "accounts cannot be null");
		Assert.notNull(index, "index cannot be null");
		Assert.notNull(vault, "vault cannot be null");
		Assert.notNull(jdbc, "jdbc cannot be null");
		this.accounts = accounts;
		this.index = index;
		this.vault = vault;
		this.jdbc = jdbc;
	}

	/**
	 * @param identifier a user ID or an e-mail address, as typed; anything is accepted
	 * @return the account it names, if exactly one does
	 */
	public Optional<CustomerId> find(String identifier) {
		if (identifier == null || identifier.isBlank()) {
			return Optional.empty();
		}
		if (identifier.indexOf('@') < 0) {
			// User IDs never contain '@' (UserIds), so this cannot be an e-mail address.
			return this.accounts.findByUserIdKey(UserIds.key(identifier)).map(CustomerAccountRepository.Credentials::id);
		}
		EmailAddress email;
		try {
			email = EmailAddress.of(identifier);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		var subjects = this.index.lookup(BlindIndex.Kind.EMAIL, email.value());
		if (subjects.size() != 1) {
			return Optional.empty();
		}
		Subject subject = subjects.iterator().next();
		if (subject.kind() != Subject.Kind.CUSTOMER) {
			return Optional.empty();
		}
		UUID id;
		try {
			id = UUID.fromString(subject.id());
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		return this.jdbc.sql("select id from identity_customer_account where id = ?")
			.param(id)
			.query((rs, row) -> new CustomerId(rs.getObject(1, UUID.class)))
			.optional();
	}

	/**
	 * @param purpose why the address is opened, for the vault's access log
	 * @return the account's e-mail address if it has a confirmed one
	 */
	public Optional<EmailAddress> confirmed(CustomerId account, String purpose) {
		UUID id = account.value();
		return this.jdbc.sql("""
				select email_sealed, email_key_ref from identity_customer_account
				where id = ? and email_sealed is not null and email_confirmed_at is not null""")
			.param(id)
			.query((rs, row) -> Sealed.of(rs.getBytes(1), rs.getString(2)))
			.optional()
			.map((sealed) -> EmailAddress.of(this.vault.open(sealed, CustomerFields.context(id, CustomerFields.EMAIL),
					Reader.self(CustomerFields.subject(id)), purpose)));
	}

}
