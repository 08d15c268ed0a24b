package jp.mamori.staff.web;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import jp.mamori.staff.StaffSecurityEvents;
import jp.mamori.identity.InvalidUserIdException;
import jp.mamori.identity.PasswordRefusedException;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.SignInAnswers;
import jp.mamori.identity.credentials.SignInResult;
import jp.mamori.identity.credentials.SourceThrottle;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.platform.web.ClientAddressResolver;
import jp.mamori.platform.web.Problems;
import jp.mamori.staff.internal.StaffSignInStep;
import jp.mamori.staff.internal.StaffApiSecurity;
import jp.mamori.staff.internal.StaffAuditFilter;
import jp.mamori.staff.internal.StaffSetup;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/staff/setup}: a one-time setup token sets the first administrator's (or a new
 * member's) user ID and password. The authenticator is enrolled at the first sign-in.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
final class StaffSetupController {

	/** What a setup sends. {@link #toString()} withholds all of it. */
	record SetupRequest(@NotNull @Size(max = 128) String token, @NotNull @Size(max = 256) String userId,
			@NotNull @Size(max = 1024) String password) {

		@Override
		public String toString() {
			return "SetupRequest[(withheld)]";
		}

	}

	private final StaffSetup setup;

	private final SourceThrottle throttle;

	private final ClientAddressResolver addresses;

	private final Problems problems;

	private final SecurityEvents events;

	StaffSetupController(StaffSetup setup, SourceThrottle throttle, ClientAddressResolver addresses,
			Problems problems, SecurityEvents events) {
		Assert.notNull(setup, "setup cannot be null");
		Assert.notNull(throttle, "throttle cannot be null");
		this.setup = setup;
		this.throttle = throttle;
		this.addresses = addresses;
		this.problems = problems;
		this.events = events;
	}

	@PostMapping(path = StaffApiSecurity.SETUP_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	@StaffSignInStep
	ResponseEntity<Map<String, String>> setUp(@Valid @RequestBody SetupRequest body, HttpServletRequest request,
			HttpServletResponse response) {
		request.setAttribute(StaffAuditFilter.ACTION, "staff.setup");
		ClientSource source = new ClientSource(this.addresses.resolve(request), request.getHeader("User-Agent"));
		var wait = this.throttle.retryAfter(source);
		if (wait.isPresent()) {
			StaffAuditFilter.signInStep(request, "staff.setup", null, "throttled");
			SignInAnswers.retryLater(this.problems, new SignInResult.RetryLater(wait.get()), request, response);
			return null;
		}
		StaffSetup.Result result = this.setup.redeem(body.token(), body.userId(), body.password());
		if (result.outcome() != StaffSetup.Outcome.DONE) {
			// Security decision: a wrong token costs the source like a failed sign-in.
			this.throttle.recordFailure(source);
			String reason = (result.outcome() == StaffSetup.Outcome.TOKEN_INVALID) ? "token_invalid" : "user_id_mismatch";
			StaffAuditFilter.signInStep(request, "staff.setup", null, reason);
			this.events.publish(StaffSecurityEvents.SETUP_FAILED, Map.of("reason", reason, "source_address",
					source.addressText(), "user_agent", source.userAgent()));
			this.problems.write(request, response, HttpStatus.BAD_REQUEST,
					(result.outcome() == StaffSetup.Outcome.TOKEN_INVALID) ? "staff-setup-token-invalid"
							: "staff-setup-user-id-mismatch");
			return null;
		}
		StaffAuditFilter.signInStep(request, "staff.setup", result.staff(), null);
		this.events.publish(StaffSecurityEvents.SETUP_COMPLETED, Map.of("staff_id", result.staff().toString(),
				"source_address", source.addressText(), "user_agent", source.userAgent()));
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(Map.of("staffId", result.staff().toString(), "next", "sign-in"));
	}

	@ExceptionHandler(InvalidUserIdException.class)
	void invalidUserId(HttpServletRequest request, HttpServletResponse response) {
		this.problems.write(request, response, HttpStatus.BAD_REQUEST, "validation-failed", List.of(
				new Problems.FieldProblem("userId", this.problems.message(request, "identity.user-id.invalid"))));
	}

	@ExceptionHandler(PasswordRefusedException.class)
	void refused(PasswordRefusedException ex, HttpServletRequest request, HttpServletResponse response) {
		this.problems.write(request, response, HttpStatus.BAD_REQUEST, "validation-failed", List.of(
				new Problems.FieldProblem("password", this.problems.message(request, ex.messageCode(), ex.arguments()))));
	}

}
