package jp.mamori.staff.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import jp.mamori.identity.botcheck.BotChecked;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.platform.web.ClientAddressResolver;
import jp.mamori.staff.CurrentStaff;
import jp.mamori.staff.StaffId;
import jp.mamori.staff.internal.StaffAccounts;
import jp.mamori.staff.internal.StaffApiSecurity;
import jp.mamori.staff.internal.StaffAuditFilter;
import jp.mamori.staff.internal.StaffSessions;
import jp.mamori.staff.internal.StaffSignIn;
import jp.mamori.staff.internal.StaffSignInResult;
import jp.mamori.staff.internal.StaffSignInStep;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The staff console's pages: sign-in (password, then the authenticator's code) and the home page.
 * Plain forms without script, under the platform's CSP; the same sign-in rules as the staff API
 * ({@link StaffSignIn}, {@link StaffSessions}). A member without an authenticator is sent to
 * {@link ConsoleEnrolmentController} after the password.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
final class ConsoleController {

	static final String HOME = "/console";

	private final StaffSignIn signIn;

	private final StaffSessions sessions;

	private final StaffAccounts accounts;

	private final ClientAddressResolver addresses;

	ConsoleController(StaffSignIn signIn, StaffSessions sessions, StaffAccounts accounts,
			ClientAddressResolver addresses) {
		Assert.notNull(signIn, "signIn cannot be null");
		Assert.notNull(sessions, "sessions cannot be null");
		this.signIn = signIn;
		this.sessions = sessions;
		this.accounts = accounts;
		this.addresses = addresses;
	}

	@GetMapping(StaffApiSecurity.CONSOLE_SIGN_IN)
	@StaffSignInStep
	String signInPage() {
		return "console/sign-in";
	}

	@PostMapping(StaffApiSecurity.CONSOLE_SIGN_IN)
	@StaffSignInStep
	@BotChecked(BotChecked.When.AFTER_SIGN_IN_FAILURES)
	String signIn(@RequestParam(defaultValue = "") String userId, @RequestParam(defaultValue = "") String password,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		if (userId.length() > 256 || password.length() > 1024) {
			return refused(null, "too_long", request, response, model);
		}
		StaffSignInResult result = this.signIn.password(userId, password, source(request));
		if (result instanceof StaffSignInResult.PasswordVerified verified) {
			StaffAuditFilter.signInStep(request, "staff.sign_in", verified.staff(), "password_verified");
			if (!verified.totpEnrolled()) {
				// Security decision: without an authenticator the session may enrol one and nothing else.
				this.sessions.enrolling(verified.staff(), request);
				return "redirect:" + ConsoleEnrolmentController.ENROLMENT;
			}
			this.sessions.passwordVerified(verified.staff(), request);
			return "redirect:" + StaffApiSecurity.CONSOLE_SIGN_IN + "/totp";
		}
		return refused(result, null, request, response, model);
	}

	@GetMapping(StaffApiSecurity.CONSOLE_SIGN_IN + "/totp")
	@StaffSignInStep
	String totpPage(HttpServletRequest request) {
		return this.sessions.passwordVerified(request).isPresent() ? "console/totp"
				: "redirect:" + StaffApiSecurity.CONSOLE_SIGN_IN;
	}

	@PostMapping(StaffApiSecurity.CONSOLE_SIGN_IN + "/totp")
	@StaffSignInStep
	String totp(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		var staff = this.sessions.passwordVerified(request);
		if (staff.isEmpty() || code.length() > 64) {
			return refused(null, "no_password_step", request, response, model);
		}
		StaffSignInResult result = this.signIn.totp(staff.get(), code, source(request));
		if (result instanceof StaffSignInResult.SignedIn signedIn) {
			this.sessions.signedIn(signedIn.staff(), request, response);
			StaffAuditFilter.signInStep(request, "staff.sign_in", signedIn.staff(), null);
			return "redirect:" + HOME;
		}
		return refused(result, null, request, response, model);
	}

	/** The member's own page: who they are and what they may do. Needs a signed-in member only. */
	@GetMapping(HOME)
	@StaffSignInStep
	String home(Model model) {
		StaffId staff = CurrentStaff.id().orElseThrow();
		model.addAttribute("staffId", staff.toString());
		model.addAttribute("permissions", List.copyOf(this.accounts.permissions(staff)));
		return "console/home";
	}

	@PostMapping(HOME + "/sign-out")
	@StaffSignInStep
	String signOut(HttpServletRequest request, HttpServletResponse response) {
		CurrentStaff.id()
			.ifPresent((staff) -> StaffAuditFilter.signInStep(request, "staff.sign_out", staff, null));
		new SecurityContextLogoutHandler().logout(request, response,
				SecurityContextHolder.getContext().getAuthentication());
		return "redirect:" + StaffApiSecurity.CONSOLE_SIGN_IN;
	}

	private String refused(StaffSignInResult result, String reason, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		boolean later = result instanceof StaffSignInResult.RetryLater;
		StaffId staff = (result instanceof StaffSignInResult.Refused refused) ? refused.staff() : null;
		String why = (result instanceof StaffSignInResult.Refused refused) ? refused.reason()
				: later ? "throttled" : reason;
		StaffAuditFilter.signInStep(request, "staff.sign_in", staff, why);
		if (later) {
			long seconds = ((StaffSignInResult.RetryLater) result).delay().seconds();
			response.setHeader("Retry-After", Long.toString(seconds));
		}
		response.setStatus(later ? HttpStatus.TOO_MANY_REQUESTS.value() : HttpStatus.UNAUTHORIZED.value());
		model.addAttribute("message", "console.sign-in.failed");
		return "console/sign-in";
	}

	private ClientSource source(HttpServletRequest request) {
		return new ClientSource(this.addresses.resolve(request), request.getHeader("User-Agent"));
	}

}
