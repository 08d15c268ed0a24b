package jp.mamori.identity.internal;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import jp.mamori.platform.web.Problems;
import jp.mamori.vault.BlindIndex;
import jp.mamori.vault.EmailAddress;
import jp.mamori.vault.PhoneNumber;
import jp.mamori.vault.Reader;
import jp.mamori.vault.Sealed;
import jp.mamori.vault.Vault;

import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in customer's own profile: masked by default (the customer reads their own data, which
 * is not logged field by field), and the optional phone number, sealed before it is stored.
 */
@RestController
final class CustomerProfileController {

	static final String PATH = "/api/v1/customer/profile";

	record PhoneRequest(@NotNull @Size(max = 40) String phone) {

		@Override
		public String toString() {
			return "PhoneRequest[(withheld)]";
		}

	}

	private final JdbcClient jdbc;

	private final Vault vault;

	private final BlindIndex index;

	private final TransactionOperations transactions;

	private final Problems problems;

	CustomerProfileController(JdbcClient jdbc, Vault vault, BlindIndex index, TransactionOperations transactions,
			Problems problems) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(vault, "vault cannot be null");
		Assert.notNull(index, "index cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		this.jdbc = jdbc;
		this.vault = vault;
		this.index = index;
		this.transactions = transactions;
		this.problems = problems;
	}

	@GetMapping(PATH)
	Map<String, Object> profile(Principal principal) {
		UUID account = UUID.fromString(principal.getName());
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

	@PutMapping(PATH + "/phone")
	ResponseEntity<Void> phone(@Valid @RequestBody PhoneRequest body, Principal principal, HttpServletRequest request,
			HttpServletResponse response) {
		PhoneNumber phone;
		try {
			phone = PhoneNumber.of(body.phone());
		}
		catch (IllegalArgumentException ex) {
			this.problems.write(request, response, org.springframework.http.HttpStatus.BAD_REQUEST, "validation-failed",
					List.of(new Problems.FieldProblem("phone", this.problems.message(request, "problem.field.invalid"))));
			return null;
		}
		UUID account = UUID.fromString(principal.getName());
		this.transactions.executeWithoutResult((status) -> {
			Sealed sealed = this.vault.seal(CustomerFields.context(account, CustomerFields.PHONE), phone.e164());
			this.jdbc.sql("update identity_customer_account set phone_sealed = ?, phone_key_ref = ? where id = ?")
				.params(sealed.ciphertext(), sealed.keyReference(), account)
				.update();
			this.index.index(CustomerFields.subject(account), BlindIndex.Kind.PHONE, phone.e164());
		});
		return ResponseEntity.noContent().build();
	}

	private String open(byte[] ciphertext, String keyReference, UUID account, String field, Reader self) {
		return this.vault.open(Sealed.of(ciphertext, keyReference), CustomerFields.context(account, field), self,
				"customer.profile");
	}

}
