package jp.mamori.staff.web;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import jp.mamori.staff.StaffSecurityEvents;
import jp.mamori.identity.botcheck.BotChecked;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.SignInAnswers;
import jp.mamori.identity.credentials.TotpSecrets;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.platform.web.ClientAddressResolver;
import jp.mamori.platform.web.Problems;
import jp.mamori.staff.CurrentStaff;
import jp.mamori.staff.Permission;
import jp.mamori.staff.StaffId;
import jp.mamori.staff.internal.StaffAccounts;
import jp.mamori.staff.internal.StaffApiSecurity;
import jp.mamori.staff.internal.StaffAuditFilter;
import jp.mamori.staff.internal.StaffSessions;
import jp.mamori.staff.internal.StaffSignIn;
import jp.mamori.staff.internal.StaffSignInResult;
import jp.mamori.staff.internal.StaffSignInStep;
import jp.mamori.staff.internal.StaffTotp;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.csrf.CsrfLogoutHandler;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A staff member's session as a JSON API: CSRF token, password, TOTP code (or, without an
 * authenticator, its enrolment and then a fresh sign-in), the session itself, sign-out.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
final class StaffSessionController {

	record SessionResponse(String staffId, List<Permission> permissions, long idleTimeoutSeconds) {
	}

	/** What a staff sign-in sends. {@link #toString()} withholds both fields. */
	record SignInRequest(@NotNull @Size(max = 256) String userId, @NotNull @Size(max = 1024) String password) {

		@Override
		public String toString() {
			return "SignInRequest[(withheld)]";
		}

	}

	/** A code from the member's authenticator. {@link #toString()} withholds it. */
	record CodeRequest(@NotNull @Size(max = 64) String code) {

		@Override
		public String toString() {
			return "CodeRequest[(withheld)]";
		}

	}

	private final StaffSignIn signIn;

	private final StaffSessions sessions;

	private final StaffAccounts accounts;

	private final StaffTotp totp;

	private final ClientAddressResolver addresses;

	private final Problems problems;

	private final CsrfTokenRepository csrfTokens;

	private final SecurityEvents events;

	StaffSessionController(StaffSignIn signIn, StaffSessions sessions, StaffAccounts accounts, StaffTotp totp,
			ClientAddressResolver addresses, Problems problems, CsrfTokenRepository staffCsrfTokens,
			SecurityEvents events) {
		Assert.notNull(signIn, "signIn cannot be null");
		Assert.notNull(sessions, "sessions cannot be null");
		this.signIn = signIn;
		this.sessions = sessions;
		this.accounts = accounts;
		this.totp = totp;
		this.addresses = addresses;
		this.problems = problems;
		this.csrfTokens = staffCsrfTokens;
		this.events = events;
	}

	@GetMapping(StaffApiSecurity.CSRF_PATH)
	@StaffSignInStep
	Map<String, String> csrf(CsrfToken token) {
		return Map.of("headerName", token.getHeaderName(), "token", token.getToken());
	}

	/** Security decision: after failures from an address, as for customers, a bot check comes first. */
	@PostMapping(path = StaffApiSecurity.SESSION_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	@StaffSignInStep
	@BotChecked(BotChecked.When.AFTER_SIGN_IN_FAILURES)
	ResponseEntity<?> signIn(@Valid @RequestBody SignInRequest body,
			HttpServletRequest request, HttpServletResponse response) {
		StaffSignInResult result = this.signIn.password(body.userId(), body.password(), source(request));
		return switch (result) {
			case StaffSignInResult.PasswordVerified verified -> {
				StaffAuditFilter.signInStep(request, "staff.sign_in", verified.staff(), "password_verified");
				if (verified.totpEnrolled()) {
					this.sessions.passwordVerified(verified.staff(), request);
					yield ResponseEntity.ok(Map.of("next", "totp"));
				}
				// Security decision: without an authenticator the session may enrol one and nothing else.
				this.sessions.enrolling(verified.staff(), request);
				yield ResponseEntity.ok(Map.of("next", "totp-enrolment"));
			}
			default -> refuse(result, request, response);
		};
	}

	@PostMapping(path = StaffApiSecurity.TOTP_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	@StaffSignInStep
	ResponseEntity<?> totp(@Valid @RequestBody CodeRequest body, HttpServletRequest request,
			HttpServletResponse response) {
		var staff = this.sessions.passwordVerified(request);
		if (staff.isEmpty()) {
			return refuse(new StaffSignInResult.Refused(null, "no_password_step"), request, response);
		}
		StaffSignInResult result = this.signIn.totp(staff.get(), body.code(), source(request));
		if (result instanceof StaffSignInResult.SignedIn signedIn) {
			this.sessions.signedIn(signedIn.staff(), request, response);
			StaffAuditFilter.signInStep(request, "staff.sign_in", signedIn.staff(), null);
			return ResponseEntity.ok(response(signedIn.staff()));
		}
		return refuse(result, request, response);
	}

	@PostMapping(StaffApiSecurity.ENROLMENT_PATH)
	@StaffSignInStep
	ResponseEntity<TotpSecrets.Enrolment> startEnrolment(HttpServletRequest request, HttpServletResponse response) {
		var staff = this.sessions.enrolling(request);
		StaffAuditFilter.signInStep(request, "staff.totp_enrolment", null, null);
		if (staff.isEmpty()) {
			this.problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized");
			return null;
		}
		StaffAuditFilter.signInStep(request, "staff.totp_enrolment", staff.get(), "started");
		var enrolment = this.totp.start(staff.get(), this.accounts.userId(staff.get()).orElseThrow());
		if (enrolment.isEmpty()) {
			this.problems.write(request, response, HttpStatus.CONFLICT, "totp-already-enabled");
			return null;
		}
		return ResponseEntity.ok(enrolment.get());
	}

	@PostMapping(path = StaffApiSecurity.ENROLMENT_PATH + "/confirmation", consumes = MediaType.APPLICATION_JSON_VALUE)
	@StaffSignInStep
	ResponseEntity<Map<String, String>> confirmEnrolment(@Valid @RequestBody CodeRequest body,
			HttpServletRequest request, HttpServletResponse response) {
		var staff = this.sessions.enrolling(request);
		StaffAuditFilter.signInStep(request, "staff.totp_enrolment", null, null);
		if (staff.isEmpty()) {
			this.problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized");
			return null;
		}
		StaffAuditFilter.signInStep(request, "staff.totp_enrolment", staff.get(), "confirmed");
		if (!this.totp.confirm(staff.get(), body.code())) {
			this.problems.write(request, response, HttpStatus.BAD_REQUEST, "totp-code-wrong");
			return null;
		}
		this.sessions.enrolled(request);
		ClientSource source = source(request);
		this.events.publish(StaffSecurityEvents.MFA_ENROLLED, Map.of("staff_id", staff.get().toString(), "factor", "totp",
				"source_address", source.addressText(), "user_agent", source.userAgent()));
		return ResponseEntity.ok(Map.of("next", "sign-in"));
	}

	@GetMapping(StaffApiSecurity.SESSION_PATH)
	@StaffSignInStep
	ResponseEntity<SessionResponse> current(HttpServletRequest request, HttpServletResponse response) {
		var staff = CurrentStaff.id();
		if (staff.isEmpty()) {
			this.problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized");
			return null;
		}
		return ResponseEntity.ok(response(staff.get()));
	}

	@DeleteMapping(StaffApiSecurity.SESSION_PATH)
	@StaffSignInStep
	ResponseEntity<Void> signOut(HttpServletRequest request, HttpServletResponse response) {
		var staff = CurrentStaff.id();
		staff.ifPresent((signedIn) -> StaffAuditFilter.signInStep(request, "staff.sign_out", signedIn, null));
		var authentication = SecurityContextHolder.getContext().getAuthentication();
		new SecurityContextLogoutHandler().logout(request, response, authentication);
		new CsrfLogoutHandler(this.csrfTokens).logout(request, response, authentication);
		return ResponseEntity.noContent().build();
	}

	private SessionResponse response(StaffId staff) {
		return new SessionResponse(staff.toString(), List.copyOf(this.accounts.permissions(staff)),
				this.sessions.idleTimeoutSeconds());
	}

	private ResponseEntity<?> refuse(StaffSignInResult result, HttpServletRequest request,
			HttpServletResponse response) {
		if (result instanceof StaffSignInResult.RetryLater later) {
			StaffAuditFilter.signInStep(request, "staff.sign_in", null, "throttled");
			SignInAnswers.retryLater(this.problems, later.delay(), request, response);
			return null;
		}
		StaffSignInResult.Refused refused = (StaffSignInResult.Refused) result;
		StaffAuditFilter.signInStep(request, "staff.sign_in", refused.staff(), refused.reason());
		// One answer for every reason, as for customers (see StaffSignIn).
		this.problems.write(request, response, HttpStatus.UNAUTHORIZED, "staff-sign-in-failed");
		return null;
	}

	private ClientSource source(HttpServletRequest request) {
		return new ClientSource(this.addresses.resolve(request), request.getHeader("User-Agent"));
	}

}
