package jp.mamori.identity.pages;

import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.PasswordRefusedException;
import jp.mamori.identity.account.AccountClosing;
import jp.mamori.identity.account.AccountSessions;
import jp.mamori.identity.account.CustomerAccountRepository;
import jp.mamori.identity.account.EmailChanges;
import jp.mamori.identity.account.PasswordChanges;
import jp.mamori.identity.session.CustomerSessions;
import jp.mamori.identity.signin.SignInFlow;
import jp.mamori.mail.MailDeliveryException;
import jp.mamori.platform.web.Languages;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The signed-in customer's account operations as pages: change the password, change the e-mail address
 * (new address, then the code mailed there), close the account. Every step is the JSON API's service
 * ({@link PasswordChanges}, {@link EmailChanges}, {@link AccountClosing}), and what follows a change is
 * {@link CustomerSessions}' (shared with the API), so the pages and the API cannot drift apart.
 *
 * <p>Security decision: each page needs a fresh sign-in, as in the API; a stale session is sent to sign
 * in again and then brought back to the page.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
final class AccountChangePages implements CustomerPage {

	private final PasswordChanges passwords;

	private final EmailChanges emailChanges;

	private final AccountClosing closing;

	private final AccountSessions accountSessions;

	private final CustomerSessions sessions;

	private final CustomerAccountRepository accounts;

	private final SignInFlow flow;

	private final MessageSource messages;

	AccountChangePages(PasswordChanges passwords, EmailChanges emailChanges, AccountClosing closing,
			AccountSessions accountSessions, CustomerSessions sessions, CustomerAccountRepository accounts,
			SignInFlow flow, MessageSource messages) {
		Assert.notNull(passwords, "passwords cannot be null");
		Assert.notNull(emailChanges, "emailChanges cannot be null");
		Assert.notNull(closing, "closing cannot be null");
		Assert.notNull(accountSessions, "accountSessions cannot be null");
		Assert.notNull(sessions, "sessions cannot be null");
		Assert.notNull(accounts, "accounts cannot be null");
		Assert.notNull(flow, "flow cannot be null");
		Assert.notNull(messages, "messages cannot be null");
		this.passwords = passwords;
		this.emailChanges = emailChanges;
		this.closing = closing;
		this.accountSessions = accountSessions;
		this.sessions = sessions;
		this.accounts = accounts;
		this.flow = flow;
		this.messages = messages;
	}

	@GetMapping(PagePaths.PASSWORD)
	String passwordForm(Authentication authentication, Model model, HttpServletRequest request) {
		if (!this.sessions.signedInRecently(request)) {
			return signInAgain(PagePaths.PASSWORD);
		}
		return passwordPage(account(authentication), model);
	}

	@PostMapping(PagePaths.PASSWORD)
	String changePassword(@RequestParam(required = false) String currentPassword,
			@RequestParam(required = false) String newPassword,
			@RequestParam(required = false) boolean endOtherSessions, Authentication authentication, Locale locale,
			Model model, HttpServletRequest request, HttpServletResponse response) {
		if (!this.sessions.signedInRecently(request)) {
			return signInAgain(PagePaths.PASSWORD);
		}
		CustomerId account = account(authentication);
		FieldErrors errors = new FieldErrors(this.messages, locale);
		String current = errors.required("currentPassword", currentPassword, 1024);
		String replacement = errors.required("newPassword", newPassword, 1024);
		if (errors.isEmpty()) {
			try {
				switch (this.passwords.change(account, current, replacement, this.flow.source(request),
						Languages.of(request))) {
					case CHANGED -> {
						CustomerSessions.passwordChanged(this.accountSessions, account, endOtherSessions, request);
						return "redirect:" + PagePaths.ACCOUNT + "?notice=password-changed";
					}
					case WRONG_PASSWORD -> errors.reject("currentPassword", "problem.current-password-wrong.detail");
					case NO_PASSWORD -> alert(model, "problem.password-not-set.detail", locale);
				}
			}
			catch (PasswordRefusedException ex) {
				errors.reject("newPassword", ex.messageCode(), ex.arguments());
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("errors", errors.asMap());
		return passwordPage(account, model);
	}

	@GetMapping(PagePaths.EMAIL)
	String emailForm(Model model, HttpServletRequest request) {
		if (!this.sessions.signedInRecently(request)) {
			return signInAgain(PagePaths.EMAIL);
		}
		return "customer/email-change";
	}

	@PostMapping(PagePaths.EMAIL)
	String changeEmail(@RequestParam(required = false) String newEmail, Authentication authentication,
			Locale locale, Model model, HttpServletRequest request, HttpServletResponse response) {
		if (!this.sessions.signedInRecently(request)) {
			return signInAgain(PagePaths.EMAIL);
		}
		FieldErrors errors = new FieldErrors(this.messages, locale);
		String typed = errors.required("newEmail", newEmail, 254);
		if (errors.isEmpty()) {
			try {
				if (this.emailChanges.start(account(authentication), typed.strip(), Languages.of(request))) {
					return "redirect:" + PagePaths.EMAIL_CONFIRMATION;
				}
				response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
				alert(model, "problem.email-change-too-many.detail", locale);
				return "customer/email-change";
			}
			catch (IllegalArgumentException ex) {
				errors.reject("newEmail", "problem.field.invalid");
			}
			catch (MailDeliveryException ex) {
				response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
				alert(model, "problem.mail-unavailable.detail", locale);
				return "customer/email-change";
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("errors", errors.asMap());
		return "customer/email-change";
	}

	@GetMapping(PagePaths.EMAIL_CONFIRMATION)
	String emailCodeForm(HttpServletRequest request) {
		if (!this.sessions.signedInRecently(request)) {
			return signInAgain(PagePaths.EMAIL);
		}
		return "customer/email-change-code";
	}

	@PostMapping(PagePaths.EMAIL_CONFIRMATION)
	String confirmEmail(@RequestParam(required = false) String code, Authentication authentication, Locale locale,
			Model model, HttpServletRequest request, HttpServletResponse response) {
		if (!this.sessions.signedInRecently(request)) {
			return signInAgain(PagePaths.EMAIL);
		}
		FieldErrors errors = new FieldErrors(this.messages, locale);
		String typed = errors.required("code", code, 32);
		if (errors.isEmpty()) {
			EmailChanges.Confirmation confirmation = this.emailChanges.confirm(account(authentication), typed,
					Languages.of(request));
			switch (confirmation.outcome()) {
				case CHANGED -> {
					return "redirect:" + PagePaths.ACCOUNT + "?notice=email-changed";
				}
				case WRONG_CODE -> errors.reject("code", "problem.email-change-code-wrong.detail",
						confirmation.attemptsLeft());
				case INVALID -> {
					response.setStatus(HttpStatus.BAD_REQUEST.value());
					alert(model, "problem.email-change-invalid.detail", locale);
					return "customer/email-change";
				}
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("errors", errors.asMap());
		return "customer/email-change-code";
	}

	@GetMapping(PagePaths.CLOSE)
	String closeForm(Authentication authentication, Model model, HttpServletRequest request) {
		if (!this.sessions.signedInRecently(request)) {
			return signInAgain(PagePaths.CLOSE);
		}
		return closePage(authentication, model);
	}

	@PostMapping(PagePaths.CLOSE)
	String close(@RequestParam(required = false) String password, Authentication authentication, Locale locale,
			Model model, HttpServletRequest request, HttpServletResponse response) {
		if (!this.sessions.signedInRecently(request)) {
			return signInAgain(PagePaths.CLOSE);
		}
		FieldErrors errors = new FieldErrors(this.messages, locale);
		if (password != null && password.length() > 1024) {
			errors.reject("password", "problem.field.Size", 1, 1024);
		}
		else {
			switch (this.closing.close(account(authentication), (password == null || password.isEmpty()) ? null : password,
					CustomerSessions.emailCodeSession(authentication), this.flow.source(request),
					Languages.of(request))) {
				case CLOSED -> {
					CustomerSessions.closed(request);
					return "redirect:" + PagePaths.signInThenBackTo(null, "account-closed");
				}
				case WRONG_PASSWORD -> errors.reject("password", "problem.current-password-wrong.detail");
				case EMAIL_CODE_REQUIRED -> {
					response.setStatus(HttpStatus.FORBIDDEN.value());
					alert(model, "problem.account-close-email-code-required.detail", locale);
					return closePage(authentication, model);
				}
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("errors", errors.asMap());
		return closePage(authentication, model);
	}

	private String passwordPage(CustomerId account, Model model) {
		model.addAttribute("hasPassword", this.accounts.passwordHash(account).isPresent());
		return "customer/password-change";
	}

	/**
	 * The closing page asks for the password when the account has one; a passwordless account is closed
	 * from a session opened by an e-mail code, which the page offers when this one was not.
	 */
	private String closePage(Authentication authentication, Model model) {
		boolean hasPassword = this.accounts.passwordHash(account(authentication)).isPresent();
		model.addAttribute("hasPassword", hasPassword);
		model.addAttribute("emailCodeNeeded", !hasPassword && !CustomerSessions.emailCodeSession(authentication));
		return "customer/account-close";
	}

	private void alert(Model model, String code, Locale locale) {
		model.addAttribute("alert", this.messages.getMessage(code, null, locale));
	}

	private static String signInAgain(String page) {
		return "redirect:" + PagePaths.signInThenBackTo(page, "fresh-sign-in-account");
	}

	private static CustomerId account(Authentication authentication) {
		return new CustomerId(UUID.fromString(authentication.getName()));
	}

}
