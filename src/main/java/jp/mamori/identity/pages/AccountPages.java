package jp.mamori.identity.pages;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.account.CustomerProfiles;
import jp.mamori.identity.credentials.TotpSecrets;
import jp.mamori.identity.factors.TotpEnrolments;
import jp.mamori.identity.session.CustomerSessions;
import jp.mamori.identity.signin.SignInFlow;
import jp.mamori.platform.web.Languages;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in customer's pages: the account's home with the masked profile, signing out, and
 * turning on TOTP. The steps are the JSON API's services ({@link CustomerProfiles},
 * {@link TotpEnrolments}, {@link CustomerSessions}).
 *
 * <p>Security decisions: changing the second factor needs a fresh sign-in, as in the API; a stale
 * session is sent to sign in again and then brought back. The recovery codes are shown once, on the
 * page right after the confirmation: they wait for it in the session's flash attributes, which that one
 * page view removes.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class AccountPages implements CustomerPage {

	private static final String RECOVERY_CODES = PagePaths.TOTP + "/recovery-codes";

	private final CustomerProfiles profiles;

	private final TotpEnrolments enrolments;

	private final CustomerSessions sessions;

	private final SignInFlow flow;

	private final MessageSource messages;

	AccountPages(CustomerProfiles profiles, TotpEnrolments enrolments, CustomerSessions sessions, SignInFlow flow,
			MessageSource messages) {
		Assert.notNull(profiles, "profiles cannot be null");
		Assert.notNull(enrolments, "enrolments cannot be null");
		Assert.notNull(sessions, "sessions cannot be null");
		Assert.notNull(flow, "flow cannot be null");
		Assert.notNull(messages, "messages cannot be null");
		this.profiles = profiles;
		this.enrolments = enrolments;
		this.sessions = sessions;
		this.flow = flow;
		this.messages = messages;
	}

	@GetMapping(PagePaths.ACCOUNT)
	String home(Principal principal, Model model) {
		CustomerId account = account(principal);
		model.addAttribute("profile", this.profiles.masked(account.value()));
		model.addAttribute("totpEnabled", this.enrolments.enabled(account));
		return "customer/account";
	}

	@PostMapping(PagePaths.SIGN_OUT)
	String signOut(HttpServletRequest request, HttpServletResponse response) {
		this.sessions.signedOut(request, response);
		return "redirect:" + PagePaths.signInThenBackTo(null, "signed-out");
	}

	@GetMapping(PagePaths.TOTP)
	String totp(Principal principal, Model model, HttpServletRequest request) {
		if (!this.sessions.signedInRecently(request)) {
			return signInAgain();
		}
		return totpPage(account(principal), model);
	}

	@PostMapping(PagePaths.TOTP + "/start")
	String start(Principal principal, HttpServletRequest request) {
		if (!this.sessions.signedInRecently(request)) {
			return signInAgain();
		}
		this.enrolments.start(account(principal));
		return "redirect:" + PagePaths.TOTP;
	}

	@PostMapping(PagePaths.TOTP + "/confirmation")
	String confirm(@RequestParam(required = false) String code, Principal principal, Locale locale, Model model,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		if (!this.sessions.signedInRecently(request)) {
			return signInAgain();
		}
		CustomerId account = account(principal);
		FieldErrors errors = new FieldErrors(this.messages, locale);
		String typed = errors.required("code", code, 64);
		if (typed != null) {
			var recoveryCodes = this.enrolments.confirm(account, typed.strip(), this.flow.source(request),
					Languages.of(request));
			if (recoveryCodes.isPresent()) {
				redirect.addFlashAttribute("recoveryCodes", recoveryCodes.get());
				return "redirect:" + RECOVERY_CODES;
			}
			errors.reject("code", "problem.totp-code-wrong.detail");
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("errors", errors.asMap());
		return totpPage(account, model);
	}

	@GetMapping(RECOVERY_CODES)
	String recoveryCodes(Model model) {
		if (!(model.getAttribute("recoveryCodes") instanceof List<?>)) {
			// Shown once: a reload, or a visit without a confirmation, finds nothing to show.
			return "redirect:" + PagePaths.TOTP;
		}
		return "customer/totp-recovery-codes";
	}

	private String totpPage(CustomerId account, Model model) {
		boolean enabled = this.enrolments.enabled(account);
		model.addAttribute("totpEnabled", enabled);
		if (!enabled) {
			this.enrolments.pending(account).ifPresent((enrolment) -> {
				model.addAttribute("secret", TotpSecrets.grouped(enrolment.secret()));
				model.addAttribute("qrImage", "data:image/svg+xml;base64,"
						+ Base64.getEncoder().encodeToString(enrolment.qrSvg().getBytes(StandardCharsets.UTF_8)));
			});
		}
		return "customer/totp";
	}

	private static String signInAgain() {
		return "redirect:" + PagePaths.signInThenBackTo(PagePaths.TOTP, "fresh-sign-in-required");
	}

	private static CustomerId account(Principal principal) {
		return new CustomerId(UUID.fromString(principal.getName()));
	}

}
