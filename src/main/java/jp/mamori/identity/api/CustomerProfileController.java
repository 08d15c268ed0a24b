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

import jp.mamori.identity.account.CustomerProfiles;
import jp.mamori.platform.web.Problems;
import jp.mamori.vault.PhoneNumber;

import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in customer's own profile: masked by default (the customer reads their own data, which
 * is not logged field by field), and the optional phone number, sealed before it is stored and its
 * predecessor's blind-index entry removed ({@link CustomerProfiles#replacePhone}).
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

	private final Problems problems;

	private final CustomerProfiles profiles;

	CustomerProfileController(Problems problems, CustomerProfiles profiles) {
		Assert.notNull(problems, "problems cannot be null");
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
		this.profiles.replacePhone(UUID.fromString(principal.getName()), phone);
		return ResponseEntity.noContent().build();
	}

}
