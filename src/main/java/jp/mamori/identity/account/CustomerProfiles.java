package jp.mamori.identity.account;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jp.mamori.vault.EmailAddress;
import jp.mamori.vault.PhoneNumber;
import jp.mamori.vault.Reader;
import jp.mamori.vault.Sealed;
import jp.mamori.vault.Vault;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * The signed-in customer's own profile, masked, as the JSON API and the account page show it. The
 * customer reads their own data ({@link Reader#self}), which is not logged field by field.
 */
public final class CustomerProfiles {

	private final JdbcClient jdbc;

	private final Vault vault;

	public CustomerProfiles(JdbcClient jdbc, Vault vault) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(vault, "vault cannot be null");
		this.jdbc = jdbc;
		this.vault = vault;
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
