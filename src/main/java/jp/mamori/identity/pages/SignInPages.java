package jp.mamori.identity.pages;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import jp.mamori.identity.botcheck.BotCheckRefusedException;
import jp.mamori.identity.botcheck.BotChecked;
import jp.mamori.identity.credentials.SignInResult;
import jp.mamori.identity.factors.SecondFactors;
import jp.mamori.identity.signin.SignInFlow;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Signing in as pages: with a password, with a code by e-mail, and the second step after either when
 * the account has one (TOTP here; a passkey on {@link PasskeyPages}'s page). Every step is
 * {@link SignInFlow}, the same as the JSON API, and every refusal shows the API's one message, so a
 * page tells no more than the API does.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
final class SignInPages implements CustomerPage {

	/**
	 * Between asking for a code and typing it, the identifier waits in this cookie (Secure, HttpOnly,
	 * SameSite=Strict, only for the e-mail-code pages, ten minutes). Security decision: in the browser,
	 * not in the session, so an anonymous visitor's e-mail address is never stored by Mamori, and never
	 * in an address, where logs and histories would keep it.
	 */
	static final String IDENTIFIER_COOKIE = "MAMORI_CODE_FOR";

	private final SignInFlow flow;

	private final MessageSource messages;

	private final SecondFactors secondFactors;

	SignInPages(SignInFlow flow, MessageSource messages, SecondFactors secondFactors) {
		Assert.notNull(flow, "flow cannot be null");
		Assert.notNull(messages, "messages cannot be null");
		Assert.notNull(secondFactors, "secondFactors cannot be null");
		this.flow = flow;
		this.messages = messages;
		this.secondFactors = secondFactors;
	}

	/**
	 * The forms of these pages carry the bot check's widget (see {@code BotChecked} on their handlers);
	 * the second-factor step, which only a session past its first factor reaches, does not.
	 */
	@ModelAttribute("botCheck")
	boolean botCheck(HttpServletRequest request) {
		return !request.getRequestURI().startsWith(PagePaths.SECOND_FACTOR);
	}

	@GetMapping(PagePaths.SIGN_IN)
	String form(@RequestParam(required = false) String next, Model model) {
		model.addAttribute("next", PagePaths.afterSignIn(next));
		model.addAttribute("identifier", "");
		return "customer/sign-in";
	}

	@PostMapping(PagePaths.SIGN_IN)
	@BotChecked(BotChecked.When.IN_THE_SIGN_IN)
	String signIn(@RequestParam(required = false) String identifier, @RequestParam(required = false) String password,
			@RequestParam(required = false) String next, Locale locale, Model model, HttpServletRequest request,
			HttpServletResponse response) {
		String target = PagePaths.afterSignIn(next);
		model.addAttribute("next", target);
		model.addAttribute("identifier", (identifier != null && identifier.length() <= 256) ? identifier : "");
		FieldErrors errors = new FieldErrors(this.messages, locale);
		String id = errors.required("identifier", identifier, 256);
		String secret = errors.required("password", password, 1024);
		if (!errors.isEmpty()) {
			return refusedInput(model, errors, response, "customer/sign-in");
		}
		SignInResult result;
		try {
			result = this.flow.password(id, secret, request, response);
		}
		catch (BotCheckRefusedException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("alert", this.messages.getMessage("problem.bot-check-failed.detail", null, locale));
			return "customer/sign-in";
		}
		return answer(result, target, "sign-in-failed", "customer/sign-in", locale, model, response);
	}

	@GetMapping(PagePaths.SECOND_FACTOR)
	String secondFactorForm(@RequestParam(required = false) String next, Model model, HttpServletRequest request) {
		if (!this.flow.awaitingSecondFactor(request)) {
			return "redirect:" + PagePaths.signInThenBackTo(next, "sign-in-again");
		}
		model.addAttribute("next", PagePaths.afterSignIn(next));
		return "customer/sign-in-totp";
	}

	@PostMapping(PagePaths.SECOND_FACTOR)
	String secondFactor(@RequestParam(required = false) String code, @RequestParam(required = false) String next,
			Locale locale, Model model, HttpServletRequest request, HttpServletResponse response) {
		String target = PagePaths.afterSignIn(next);
		model.addAttribute("next", target);
		FieldErrors errors = new FieldErrors(this.messages, locale);
		String typed = errors.required("code", code, 64);
		if (!errors.isEmpty()) {
			return refusedInput(model, errors, response, "customer/sign-in-totp");
		}
		return answer(this.flow.secondFactor(typed.strip(), request, response), target, "sign-in-failed",
				"customer/sign-in-totp", locale, model, response);
	}

	@GetMapping(PagePaths.EMAIL_CODE)
	String emailCodeForm(Model model) {
		model.addAttribute("identifier", "");
		return "customer/email-code";
	}

	@PostMapping(PagePaths.EMAIL_CODE)
	@BotChecked
	String requestEmailCode(@RequestParam(required = false) String identifier, Locale locale, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		FieldErrors errors = new FieldErrors(this.messages, locale);
		String id = errors.required("identifier", identifier, 256);
		model.addAttribute("identifier", (id != null) ? id : "");
		if (!errors.isEmpty()) {
			return refusedInput(model, errors, response, "customer/email-code");
		}
		var wait = this.flow.requestEmailCode(id, request);
		if (wait.isPresent()) {
			return throttled(new SignInResult.RetryLater(wait.get()), "customer/email-code", locale, model, response);
		}
		response.addHeader(HttpHeaders.SET_COOKIE, identifierCookie(id, 600).toString());
		return "redirect:" + PagePaths.EMAIL_CODE_ENTRY;
	}

	@GetMapping(PagePaths.EMAIL_CODE_ENTRY)
	String emailCodeEntry(@CookieValue(name = IDENTIFIER_COOKIE, required = false) String remembered, Model model) {
		model.addAttribute("identifier", decode(remembered));
		return "customer/email-code-entry";
	}

	@PostMapping(PagePaths.EMAIL_CODE_ENTRY)
	@BotChecked(BotChecked.When.AFTER_SIGN_IN_FAILURES)
	String emailCode(@RequestParam(required = false) String identifier, @RequestParam(required = false) String code,
			Locale locale, Model model, HttpServletRequest request, HttpServletResponse response) {
		FieldErrors errors = new FieldErrors(this.messages, locale);
		String id = errors.required("identifier", identifier, 256);
		String typed = errors.required("code", code, 32);
		model.addAttribute("identifier", (id != null) ? id : "");
		if (!errors.isEmpty()) {
			return refusedInput(model, errors, response, "customer/email-code-entry");
		}
		SignInResult result = this.flow.emailCode(id, typed.strip(), request, response);
		if (result instanceof SignInResult.SignedIn || result instanceof SignInResult.SecondFactorRequired) {
			response.addHeader(HttpHeaders.SET_COOKIE, identifierCookie("", 0).toString());
		}
		return answer(result, PagePaths.ACCOUNT, "email-code-failed", "customer/email-code-entry", locale, model,
				response);
	}

	/** The page after a sign-in step: on, to the second factor, or the same page with the one refusal. */
	private String answer(SignInResult result, String target, String refusal, String page, Locale locale, Model model,
			HttpServletResponse response) {
		return switch (result) {
			case SignInResult.SignedIn signedIn -> "redirect:" + target;
			case SignInResult.SecondFactorRequired required -> "redirect:" + secondStep(required)
					+ (target.equals(PagePaths.ACCOUNT) ? "" : "?next=" + target);
			case SignInResult.RetryLater later -> throttled(later, page, locale, model, response);
			case SignInResult.PasswordResetRequired required -> {
				// A forced reset: no session; the link to set a new password is on its way by mail.
				response.setStatus(HttpStatus.FORBIDDEN.value());
				model.addAttribute("alert",
						this.messages.getMessage("problem.password-reset-required.detail", null, locale));
				yield page;
			}
			case SignInResult.Refused refused -> {
				response.setStatus(HttpStatus.UNAUTHORIZED.value());
				model.addAttribute("alert", this.messages.getMessage("problem." + refusal + ".detail", null, locale));
				yield page;
			}
		};
	}

	/**
	 * The page of the second step: the passkey's when the account has one (it offers TOTP beside it when
	 * the account has that too), else the TOTP page. As in the API, the passkey comes first.
	 */
	private String secondStep(SignInResult.SecondFactorRequired required) {
		return this.secondFactors.available(required.account()).contains(SecondFactors.PASSKEY)
				? PagePaths.PASSKEY_STEP : PagePaths.SECOND_FACTOR;
	}

	private String throttled(SignInResult.RetryLater later, String page, Locale locale, Model model,
			HttpServletResponse response) {
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(later.seconds()));
		model.addAttribute("alert",
				this.messages.getMessage("problem.sign-in-throttled.detail", new Object[] { later.seconds() }, locale));
		return page;
	}

	private static String refusedInput(Model model, FieldErrors errors, HttpServletResponse response, String page) {
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("errors", errors.asMap());
		return page;
	}

	private static ResponseCookie identifierCookie(String identifier, long maxAgeSeconds) {
		return ResponseCookie
			.from(IDENTIFIER_COOKIE,
					Base64.getUrlEncoder().withoutPadding().encodeToString(identifier.getBytes(StandardCharsets.UTF_8)))
			.path(PagePaths.EMAIL_CODE)
			.secure(true)
			.httpOnly(true)
			.sameSite("Strict")
			.maxAge(maxAgeSeconds)
			.build();
	}

	private static String decode(String remembered) {
		if (remembered == null || remembered.length() > 400) {
			return "";
		}
		try {
			return new String(Base64.getUrlDecoder().decode(remembered), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

}
