package jp.mamori.identity.api;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import jp.mamori.identity.account.CustomerFields;
import jp.mamori.identity.account.CustomerProfiles;
import jp.mamori.platform.web.Problems;
import jp.mamori.vault.BlindIndex;
import jp.mamori.vault.PhoneNumber;
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
public final class CustomerProfileController {

	public static final String PATH = "/api/v1/customer/profile";

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

	private final CustomerProfiles profiles;

	CustomerProfileController(JdbcClient jdbc, Vault vault, BlindIndex index, TransactionOperations transactions,
			Problems problems, CustomerProfiles profiles) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(vault, "vault cannot be null");
		Assert.notNull(index, "index cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		this.jdbc = jdbc;
		this.vault = vault;
		this.index = index;
		this.transactions = transactions;
		this.problems = problems;
		Assert.notNull(profiles, "profiles cannot be null");
		this.profiles = profiles;
	}

	@GetMapping(PATH)
	Map<String, Object> profile(Principal principal) {
		return this.profiles.masked(UUID.fromString(principal.getName()));
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

}
