package jp.mamori.staff.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import jp.mamori.staff.StaffSecurityEvents;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.TotpSecrets;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.platform.web.ClientAddressResolver;
import jp.mamori.staff.internal.StaffSignInStep;
import jp.mamori.staff.internal.StaffAccounts;
import jp.mamori.staff.internal.StaffApiSecurity;
import jp.mamori.staff.internal.StaffAuditFilter;
import jp.mamori.staff.internal.StaffSessions;
import jp.mamori.staff.internal.StaffTotp;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's authenticator enrolment, for a member whose password was right but who has no
 * authenticator yet (the first sign-in after setup): start, scan the QR code, confirm with a code,
 * then sign in again with both factors. Plain forms without script, over {@link StaffTotp} like the
 * API's enrolment steps.
 *
 * <p>Security decisions: every step needs the session's "enrolling" state ({@link StaffSessions}),
 * which grants nothing else; a new key is made only by a POST (never by loading a page), and an active
 * authenticator is never replaced here. Once confirmed the session forgets the member, so the
 * enrolment itself never signs anyone in.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
final class ConsoleEnrolmentController {

	static final String ENROLMENT = StaffApiSecurity.CONSOLE_ENROLMENT;

	private static final String PAGE = "console/totp-enrolment";

	private final StaffSessions sessions;

	private final StaffAccounts accounts;

	private final StaffTotp totp;

	private final SecurityEvents events;

	private final ClientAddressResolver addresses;

	ConsoleEnrolmentController(StaffSessions sessions, StaffAccounts accounts, StaffTotp totp, SecurityEvents events,
			ClientAddressResolver addresses) {
		Assert.notNull(sessions, "sessions cannot be null");
		Assert.notNull(accounts, "accounts cannot be null");
		Assert.notNull(totp, "totp cannot be null");
		Assert.notNull(events, "events cannot be null");
		Assert.notNull(addresses, "addresses cannot be null");
		this.sessions = sessions;
		this.accounts = accounts;
		this.totp = totp;
		this.events = events;
		this.addresses = addresses;
	}

	@GetMapping(ENROLMENT)
	@StaffSignInStep
	String page(HttpServletRequest request) {
		return this.sessions.enrolling(request).isPresent() ? PAGE : "redirect:" + StaffApiSecurity.CONSOLE_SIGN_IN;
	}

	/** A new key for the authenticator, shown once as a QR code and as text. */
	@PostMapping(ENROLMENT)
	@StaffSignInStep
	String start(HttpServletRequest request, HttpServletResponse response, Model model) {
		var staff = this.sessions.enrolling(request);
		StaffAuditFilter.signInStep(request, "staff.totp_enrolment", null, null);
		if (staff.isEmpty()) {
			return notEnrolling(response, model);
		}
		StaffAuditFilter.signInStep(request, "staff.totp_enrolment", staff.get(), "started");
		var enrolment = this.totp.start(staff.get(), this.accounts.userId(staff.get()).orElseThrow());
		if (enrolment.isEmpty()) {
			// Enrolled meanwhile (another tab): signing in with the code is the way on.
			return "redirect:" + StaffApiSecurity.CONSOLE_SIGN_IN;
		}
		model.addAttribute("secret", TotpSecrets.grouped(enrolment.get().secret()));
		model.addAttribute("qrImage", "data:image/svg+xml;base64,"
				+ Base64.getEncoder().encodeToString(enrolment.get().qrSvg().getBytes(StandardCharsets.UTF_8)));
		return PAGE;
	}

	@PostMapping(ENROLMENT + "/confirmation")
	@StaffSignInStep
	String confirm(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
			HttpServletResponse response, Model model, RedirectAttributes redirect) {
		var staff = this.sessions.enrolling(request);
		StaffAuditFilter.signInStep(request, "staff.totp_enrolment", null, null);
		if (staff.isEmpty()) {
			return notEnrolling(response, model);
		}
		StaffAuditFilter.signInStep(request, "staff.totp_enrolment", staff.get(), "confirmed");
		if (code.length() > 64 || !this.totp.confirm(staff.get(), code.strip())) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("message", "console.enrol.code-wrong");
			model.addAttribute("retry", true);
			return PAGE;
		}
		this.sessions.enrolled(request);
		ClientSource source = new ClientSource(this.addresses.resolve(request), request.getHeader("User-Agent"));
		this.events.publish(StaffSecurityEvents.MFA_ENROLLED, Map.of("staff_id", staff.get().toString(), "factor", "totp",
				"source_address", source.addressText(), "user_agent", source.userAgent()));
		redirect.addFlashAttribute("message", "console.sign-in.enrolled");
		return "redirect:" + StaffApiSecurity.CONSOLE_SIGN_IN;
	}

	/** The enrolling state has run out or was never there: sign in again. */
	private static String notEnrolling(HttpServletResponse response, Model model) {
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		model.addAttribute("message", "console.sign-in.failed");
		return "console/sign-in";
	}

}
