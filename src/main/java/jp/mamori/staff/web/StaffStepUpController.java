package jp.mamori.staff.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.SignInAnswers;
import jp.mamori.platform.web.ClientAddressResolver;
import jp.mamori.platform.web.Problems;
import jp.mamori.staff.CurrentStaff;
import jp.mamori.staff.internal.StaffApiSecurity;
import jp.mamori.staff.internal.StaffAuditFilter;
import jp.mamori.staff.internal.StaffSessions;
import jp.mamori.staff.internal.StaffSignIn;
import jp.mamori.staff.internal.StaffSignInResult;
import jp.mamori.staff.internal.StaffSignInStep;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A signed-in member gives the TOTP code again before a privileged operation
 * ({@link jp.mamori.staff.Permission#PRIVILEGED_OPERATIONS}).
 *
 * <p>Security decisions: the code is checked exactly as the sign-in's second step checks it (the
 * source throttle, the staff lockout, a code accepted only once, a disabled member refused), so the
 * step-up is no cheaper way to guess codes; only the session's own member can step up; a right code
 * changes the session ID and starts the five minutes in which privileged operations are allowed. The
 * attempt is in the operation log as {@code staff.step_up}.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
final class StaffStepUpController {

	static final String STEP_UP_PATH = StaffApiSecurity.SESSION_PATH + "/step-up";

	/** A code from the member's authenticator. {@link #toString()} withholds it. */
	record StepUpRequest(@NotNull @Size(max = 64) String code) {

		@Override
		public String toString() {
			return "StepUpRequest[(withheld)]";
		}

	}

	private final StaffSignIn signIn;

	private final StaffSessions sessions;

	private final ClientAddressResolver addresses;

	private final Problems problems;

	StaffStepUpController(StaffSignIn signIn, StaffSessions sessions, ClientAddressResolver addresses,
			Problems problems) {
		Assert.notNull(signIn, "signIn cannot be null");
		Assert.notNull(sessions, "sessions cannot be null");
		Assert.notNull(addresses, "addresses cannot be null");
		Assert.notNull(problems, "problems cannot be null");
		this.signIn = signIn;
		this.sessions = sessions;
		this.addresses = addresses;
		this.problems = problems;
	}

	@PostMapping(path = STEP_UP_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	@StaffSignInStep
	ResponseEntity<Void> stepUp(@Valid @RequestBody StepUpRequest body, HttpServletRequest request,
			HttpServletResponse response) {
		var staff = CurrentStaff.id();
		StaffAuditFilter.signInStep(request, "staff.step_up", staff.orElse(null), null);
		if (staff.isEmpty()) {
			this.problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized");
			return null;
		}
		ClientSource source = new ClientSource(this.addresses.resolve(request), request.getHeader("User-Agent"));
		StaffSignInResult result = this.signIn.totp(staff.get(), body.code(), source);
		switch (result) {
			case StaffSignInResult.SignedIn signedIn -> {
				this.sessions.secondFactorGiven(request);
				return ResponseEntity.noContent().build();
			}
			case StaffSignInResult.RetryLater later -> {
				StaffAuditFilter.signInStep(request, "staff.step_up", staff.get(), "throttled");
				SignInAnswers.retryLater(this.problems, later.delay(), request, response);
			}
			case StaffSignInResult.Refused refused -> {
				StaffAuditFilter.signInStep(request, "staff.step_up", staff.get(), refused.reason());
				this.problems.write(request, response, HttpStatus.BAD_REQUEST, "totp-code-wrong");
			}
			default -> this.problems.write(request, response, HttpStatus.BAD_REQUEST, "totp-code-wrong");
		}
		return null;
	}

}
