package jp.mamori.identity.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import jp.mamori.identity.InvalidUserIdException;
import jp.mamori.identity.PasswordRefusedException;
import jp.mamori.identity.account.HouseholdComposition;
import jp.mamori.identity.account.Registrations;
import jp.mamori.identity.botcheck.BotChecked;
import jp.mamori.mail.MailDeliveryException;
import jp.mamori.platform.web.Languages;
import jp.mamori.platform.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registration as a JSON API: register (always 202, whatever is taken), then confirm with the code
 * from the mail (201 with the new account).
 */
@RestController
public final class RegistrationController {

	public static final String PATH = "/api/v1/customer/registrations";

	/** What a registration sends. {@link #toString()} withholds every field. */
	record RegistrationRequest(@NotNull @Size(max = 256) String userId, @Size(max = 1024) String password,
			@NotNull @Size(max = 50) String familyName, @NotNull @Size(max = 50) String givenName,
			@NotNull @Size(max = 50) String familyNameKana, @NotNull @Size(max = 50) String givenNameKana,
			@NotNull @Size(max = 254) String email, HouseholdComposition household, Boolean passwordless) {

		@Override
		public String toString() {
			return "RegistrationRequest[(withheld)]";
		}

	}

	record ConfirmationRequest(@NotNull @Pattern(regexp = "[0-9０-９]{6}") String code, @Size(max = 256) String userId) {

		@Override
		public String toString() {
			return "ConfirmationRequest[(withheld)]";
		}

	}

	private final Registrations registrations;

	private final Problems problems;

	RegistrationController(Registrations registrations, Problems problems) {
		Assert.notNull(registrations, "registrations cannot be null");
		Assert.notNull(problems, "problems cannot be null");
		this.registrations = registrations;
		this.problems = problems;
	}

	@BotChecked
	@PostMapping(PATH)
	ResponseEntity<Map<String, String>> register(@Valid @RequestBody RegistrationRequest body,
			HttpServletRequest request, HttpServletResponse response) {
		// A passwordless account sends no password; every other account must send one.
		if (Boolean.TRUE.equals(body.passwordless()) == (body.password() != null)) {
			field(request, response, "password", Boolean.TRUE.equals(body.passwordless())
					? "account.registration.password-not-allowed" : "account.registration.password-required");
			return null;
		}
		UUID id = this.registrations.register(new Registrations.Request(body.userId(), body.password(), body.familyName(),
				body.givenName(), body.familyNameKana(), body.givenNameKana(), body.email(), body.household()),
				Languages.of(request));
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.body(Map.of("registrationId", id.toString(), "status", "check-your-mail"));
	}

	@PostMapping(PATH + "/{id}/confirmation")
	ResponseEntity<Map<String, Object>> confirm(@PathVariable UUID id, @Valid @RequestBody ConfirmationRequest body,
			HttpServletRequest request, HttpServletResponse response) {
		Registrations.Confirmation confirmation = this.registrations.confirm(id, body.code(), body.userId());
		switch (confirmation.outcome()) {
			case CONFIRMED -> {
				return ResponseEntity.status(HttpStatus.CREATED)
					.body(Map.of("customerId", confirmation.accountId().toString()));
			}
			case WRONG_CODE -> this.problems.write(request, response, HttpStatus.BAD_REQUEST,
					"registration-code-wrong", (Object) confirmation.attemptsLeft());
			case USER_ID_TAKEN -> this.problems.write(request, response, HttpStatus.CONFLICT, "registration-user-id-taken");
			case EMAIL_TAKEN -> this.problems.write(request, response, HttpStatus.CONFLICT, "registration-email-taken");
			default -> this.problems.write(request, response, HttpStatus.BAD_REQUEST, "registration-invalid");
		}
		return null;
	}

	@ExceptionHandler(InvalidUserIdException.class)
	void invalidUserId(HttpServletRequest request, HttpServletResponse response) {
		field(request, response, "userId", "identity.user-id.invalid");
	}

	@ExceptionHandler(PasswordRefusedException.class)
	void refused(PasswordRefusedException ex, HttpServletRequest request, HttpServletResponse response) {
		this.problems.write(request, response, HttpStatus.BAD_REQUEST, "validation-failed", List.of(
				new Problems.FieldProblem("password", this.problems.message(request, ex.messageCode(), ex.arguments()))));
	}

	@ExceptionHandler(Registrations.InvalidFieldException.class)
	void invalid(Registrations.InvalidFieldException ex, HttpServletRequest request, HttpServletResponse response) {
		field(request, response, ex.field(), "problem.field.invalid");
	}

	@ExceptionHandler(MailDeliveryException.class)
	void mailDown(HttpServletRequest request, HttpServletResponse response) {
		this.problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "mail-unavailable");
	}

	private void field(HttpServletRequest request, HttpServletResponse response, String field, String code) {
		this.problems.write(request, response, HttpStatus.BAD_REQUEST, "validation-failed",
				List.of(new Problems.FieldProblem(field, this.problems.message(request, code))));
	}

}
