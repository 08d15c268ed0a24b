package jp.mamori.identity.pages;

import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import jp.mamori.identity.PasswordRefusedException;
import jp.mamori.identity.account.MailedTokens;
import jp.mamori.identity.account.PasswordResets;
import jp.mamori.identity.botcheck.BotChecked;
import jp.mamori.identity.signin.SignInFlow;
import jp.mamori.platform.web.Languages;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Password reset as pages: ask for a link, then the page the mailed link opens, which sets the new
 * password. Every step is {@link PasswordResets}, the same as the JSON API.
 *
 * <p>Security decisions:
 * <ul>
 * <li>The token arrives in the mailed link's address (the only way a mail can carry it) and from there
 * goes only into the form, which posts it in the body to {@link PagePaths#NEW_PASSWORD}: it is never
 * put into another address, a redirect or a log. The pages are sent with {@code Referrer-Policy:
 * no-referrer} ({@code SecurityHeaders}), so no link on them passes the address on, and with
 * {@code Cache-Control: no-store}.</li>
 * <li>Asking for a link needs a solved bot check and answers the same whether the account exists or
 * not; completing is counted against the source like a failed sign-in when the token is wrong.</li>
 * <li>A reset opens no session: the customer signs in with the new password afterwards.</li>
 * </ul>
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
final class PasswordResetPages implements CustomerPage {

	/** What a token from {@link PasswordResets} looks like; anything else is not shown back. */
	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,128}");

	private final PasswordResets resets;

	private final SignInFlow flow;

	private final MessageSource messages;

	PasswordResetPages(PasswordResets resets, SignInFlow flow, MessageSource messages) {
		Assert.notNull(resets, "resets cannot be null");
		Assert.notNull(flow, "flow cannot be null");
		Assert.notNull(messages, "messages cannot be null");
		this.resets = resets;
		this.flow = flow;
		this.messages = messages;
	}

	@GetMapping(PagePaths.PASSWORD_RESET)
	String form(@RequestParam(required = false) String token, Locale locale, Model model,
			HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		if (token != null) {
			if (TOKEN.matcher(token).matches()) {
				model.addAttribute("token", token);
				return "customer/password-reset-new";
			}
			model.addAttribute("alert", this.messages.getMessage("problem.password-reset-invalid.detail", null, locale));
			response.setStatus(HttpStatus.BAD_REQUEST.value());
		}
		return requestForm(model, "");
	}

	@PostMapping(PagePaths.PASSWORD_RESET)
	@BotChecked
	String request(@RequestParam(required = false) String login, Locale locale, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		FieldErrors errors = new FieldErrors(this.messages, locale);
		String typed = errors.required("login", login, 256);
		if (!errors.isEmpty()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("errors", errors.asMap());
			return requestForm(model, "");
		}
		var wait = this.resets.request(typed.strip(), this.flow.source(request), Languages.of(request));
		if (wait.isPresent()) {
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait.get().toSeconds()));
			model.addAttribute("alert", this.messages.getMessage("problem.sign-in-throttled.detail",
					new Object[] { wait.get().toSeconds() }, locale));
			return requestForm(model, typed);
		}
		// The same answer whether the account exists or not.
		return "redirect:" + PagePaths.PASSWORD_RESET + "?notice=password-reset-sent";
	}

	@PostMapping(PagePaths.NEW_PASSWORD)
	String complete(@RequestParam(required = false) String token, @RequestParam(required = false) String newPassword,
			Locale locale, Model model, HttpServletRequest request, HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		FieldErrors errors = new FieldErrors(this.messages, locale);
		String password = errors.required("newPassword", newPassword, 1024);
		if (token == null || !TOKEN.matcher(token).matches()) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("alert", this.messages.getMessage("problem.password-reset-invalid.detail", null, locale));
			return requestForm(model, "");
		}
		model.addAttribute("token", token);
		if (errors.isEmpty()) {
			try {
				switch (this.resets.complete(token, password, this.flow.source(request), locale)) {
					case MailedTokens.Redemption.Redeemed done -> {
						return "redirect:" + PagePaths.signInThenBackTo(null, "password-reset-done");
					}
					case MailedTokens.Redemption.RetryLater later -> {
						response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
						response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(later.delay().toSeconds()));
						model.addAttribute("alert", this.messages.getMessage("problem.sign-in-throttled.detail",
								new Object[] { later.delay().toSeconds() }, locale));
						return "customer/password-reset-new";
					}
					case MailedTokens.Redemption.Invalid invalid -> {
						response.setStatus(HttpStatus.BAD_REQUEST.value());
						model.addAttribute("alert",
								this.messages.getMessage("problem.password-reset-invalid.detail", null, locale));
						model.addAttribute("token", null);
						return requestForm(model, "");
					}
				}
			}
			catch (PasswordRefusedException ex) {
				errors.reject("newPassword", ex.messageCode(), ex.arguments());
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("errors", errors.asMap());
		return "customer/password-reset-new";
	}

	private static String requestForm(Model model, String login) {
		model.addAttribute("login", login);
		model.addAttribute("botCheck", true);
		return "customer/password-reset";
	}

}
