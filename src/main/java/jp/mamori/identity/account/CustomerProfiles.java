package jp.mamori.identity.account;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jp.mamori.vault.BlindIndex;
import jp.mamori.vault.EmailAddress;
import jp.mamori.vault.PhoneNumber;
import jp.mamori.vault.Reader;
import jp.mamori.vault.Sealed;
import jp.mamori.vault.Vault;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * The signed-in customer's own profile, masked, as the JSON API and the account page show it. The
 * customer reads their own data ({@link Reader#self}), which is not logged field by field.
 *
 * <p>Security decision: the phone number is found through the blind index, so replacing it removes the
 * old number's entry in the same transaction that seals and stores the new one. A stale entry would
 * keep telling whoever can compute a digest that this customer once had that number, and would find
 * the account by a number it no longer has.
 */
public final class CustomerProfiles {

	private final JdbcClient jdbc;

	private final Vault vault;

	private final BlindIndex index;

	private final TransactionOperations transactions;

	public CustomerProfiles(JdbcClient jdbc, Vault vault, BlindIndex index, TransactionOperations transactions) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(vault, "vault cannot be null");
		Assert.notNull(index, "index cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		this.jdbc = jdbc;
		this.vault = vault;
		this.index = index;
		this.transactions = transactions;
	}

	/**
	 * Set or replace the customer's phone number: the old number (read under a row lock, so two
	 * replacements cannot both keep their predecessor's entry) leaves the blind index, the new one is
	 * sealed, stored and indexed, all in one transaction.
	 */
	public void replacePhone(UUID account, PhoneNumber phone) {
		Assert.notNull(account, "account cannot be null");
		Assert.notNull(phone, "phone cannot be null");
		Reader self = Reader.self(CustomerFields.subject(account));
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("select phone_sealed, phone_key_ref from identity_customer_account where id = ? for update")
				.param(account)
				.query((rs, row) -> {
					byte[] ciphertext = rs.getBytes(1);
					return (ciphertext != null) ? Optional.of(open(ciphertext, rs.getString(2), account,
							CustomerFields.PHONE, self)) : Optional.<String>empty();
				})
				.optional()
				.flatMap((old) -> old)
				.ifPresent((old) -> this.index.remove(CustomerFields.subject(account), BlindIndex.Kind.PHONE, old));
			Sealed sealed = this.vault.seal(CustomerFields.context(account, CustomerFields.PHONE), phone.e164());
			this.jdbc.sql("update identity_customer_account set phone_sealed = ?, phone_key_ref = ? where id = ?")
				.params(sealed.ciphertext(), sealed.keyReference(), account)
				.update();
			this.index.index(CustomerFields.subject(account), BlindIndex.Kind.PHONE, phone.e164());
		});
	}

	/** @return {@code userId}, and {@code name}, {@code email} and {@code phone} masked where present */
	public Map<String, Object> masked(UUID account) {
		Reader self = Reader.self(CustomerFields.subject(account));
		return this.jdbc.sql("""
				select user_id, name_sealed, name_key_ref, email_sealed, email_key_ref, phone_sealed, phone_key_ref
				from identity_customer_account where id = ?""")
			.param(account)
			.query((rs, row) -> {
				Map<String, Object> profile = new LinkedHashMap<>();
				profile.put("userId", rs.getString(1));
				if (rs.getBytes(2) != null) {
					profile.put("name", CustomerFields.decodeName(open(rs.getBytes(2), rs.getString(3), account,
							CustomerFields.NAME, self)).masked());
				}
				if (rs.getBytes(4) != null) {
					profile.put("email", EmailAddress.of(open(rs.getBytes(4), rs.getString(5), account,
							CustomerFields.EMAIL, self)).masked());
				}
				if (rs.getBytes(6) != null) {
					profile.put("phone", PhoneNumber.of(open(rs.getBytes(6), rs.getString(7), account,
							CustomerFields.PHONE, self)).masked());
				}
				return profile;
			})
			.single();
	}

	private String open(byte[] ciphertext, String keyReference, UUID account, String field, Reader self) {
		return this.vault.open(Sealed.of(ciphertext, keyReference), CustomerFields.context(account, field), self,
				"customer.profile");
	}

}
