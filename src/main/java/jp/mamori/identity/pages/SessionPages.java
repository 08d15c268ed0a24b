package jp.mamori.identity.pages;

import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.account.MailedTokens;
import jp.mamori.identity.account.UnlockLinks;
import jp.mamori.identity.credentials.SignInResult;
import jp.mamori.identity.session.ActiveSessions;
import jp.mamori.identity.session.CustomerSessions;
import jp.mamori.identity.session.SignInHistory;
import jp.mamori.identity.signin.SignInFlow;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import jp.mamori.platform.JapanTime;

/**
 * The pages over a customer's sessions and sign-ins: the live sessions with a way to end them
 * ({@value PagePaths#SESSIONS}), the recent sign-in attempts ({@value PagePaths#SIGN_IN_HISTORY}), and
 * the page the lockout mail's link opens ({@value PagePaths#UNLOCK}). The work is done by the JSON
 * API's services ({@link ActiveSessions}, {@link SignInHistory}, {@link UnlockLinks}).
 *
 * <p>Security decisions:
 * <ul>
 * <li>Sessions are named by their handles, never their IDs (see {@link ActiveSessions}); ending one is a
 * POST with the page's CSRF token.</li>
 * <li>The unlock page is open to anyone with the link, since its owner is locked out. Opening it changes
 * nothing (mail scanners fetch links): only the confirm button, which posts the token in the body, ends
 * the lockout. The page is sent with {@code Referrer-Policy: no-referrer} so that the token in its
 * address never reaches another site, and its links carry no token.</li>
 * <li>Ending a lockout signs nobody in; the page offers signing in and setting a new password.</li>
 * </ul>
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
final class SessionPages implements CustomerPage {

	/** A session or an attempt as a page shows it: times already in Japan time. */
	record SessionRow(String handle, String device, String address, String startedAt, String lastSeenAt,
			boolean current) {
	}

	record HistoryRow(String time, String address, String device, String method, String result) {
	}

	private final ActiveSessions sessions;

	private final SignInHistory history;

	private final UnlockLinks unlockLinks;

	private final CustomerSessions customerSessions;

	private final SignInFlow flow;

	private final MessageSource messages;

	SessionPages(ActiveSessions sessions, SignInHistory history, UnlockLinks unlockLinks,
			CustomerSessions customerSessions, SignInFlow flow, MessageSource messages) {
		Assert.notNull(sessions, "sessions cannot be null");
		Assert.notNull(history, "history cannot be null");
		Assert.notNull(unlockLinks, "unlockLinks cannot be null");
		Assert.notNull(customerSessions, "customerSessions cannot be null");
		Assert.notNull(flow, "flow cannot be null");
		Assert.notNull(messages, "messages cannot be null");
		this.sessions = sessions;
		this.history = history;
		this.unlockLinks = unlockLinks;
		this.customerSessions = customerSessions;
		this.flow = flow;
		this.messages = messages;
	}

	@GetMapping(PagePaths.SESSIONS)
	String sessions(Principal principal, Locale locale, Model model, HttpServletRequest request) {
		DateTimeFormatter format = timeFormat(locale);
		List<SessionRow> rows = this.sessions.list(account(principal), request.getSession().getId())
			.stream()
			.map((session) -> new SessionRow(session.handle(), device(session.device(), locale), session.address(),
					japanTime(session.startedAt(), format), japanTime(session.lastSeenAt(), format),
					session.current()))
			.toList();
		model.addAttribute("sessions", rows);
		model.addAttribute("others", rows.stream().anyMatch((row) -> !row.current()));
		return "customer/sessions";
	}

	@PostMapping(PagePaths.SESSIONS + "/{handle}/end")
	String end(@PathVariable String handle, Principal principal, HttpServletRequest request,
			HttpServletResponse response) {
		return switch (this.sessions.end(account(principal), handle, request.getSession().getId(),
				this.flow.source(request))) {
			case ENDED -> "redirect:" + PagePaths.SESSIONS + "?notice=session-ended";
			case CURRENT -> {
				// Ending the session that asks is signing out.
				this.customerSessions.signedOut(request, response);
				yield "redirect:" + PagePaths.signInThenBackTo(null, "signed-out");
			}
			case NOT_FOUND -> "redirect:" + PagePaths.SESSIONS + "?notice=session-gone";
		};
	}

	@PostMapping(PagePaths.SESSIONS + "/others/end")
	String endOthers(Principal principal, HttpServletRequest request) {
		this.sessions.endOthers(account(principal), request.getSession().getId(), this.flow.source(request));
		return "redirect:" + PagePaths.SESSIONS + "?notice=other-sessions-ended";
	}

	@GetMapping(PagePaths.SIGN_IN_HISTORY)
	String history(Principal principal, Locale locale, Model model) {
		DateTimeFormatter format = timeFormat(locale);
		model.addAttribute("entries", this.history.recent(account(principal))
			.stream()
			.map((entry) -> new HistoryRow(japanTime(entry.time(), format), entry.address(),
					device(entry.device(), locale),
					message("page.sign-in-history.method." + entry.method(), entry.method(), locale),
					message("page.sign-in-history.result." + entry.result(), entry.result(), locale)))
			.toList());
		return "customer/sign-in-history";
	}

	/** Opening the link only asks; see the class's security decisions. */
	@GetMapping(PagePaths.UNLOCK)
	String unlockPage(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
		noReferrer(response);
		model.addAttribute("token", (token != null && token.length() <= 128) ? token : "");
		return "customer/unlock";
	}

	@PostMapping(PagePaths.UNLOCK)
	String unlock(@RequestParam(required = false) String token, Locale locale, Model model,
			HttpServletRequest request, HttpServletResponse response) {
		noReferrer(response);
		String given = (token != null && token.length() <= 128) ? token : null;
		switch (this.unlockLinks.redeem(given, this.flow.source(request))) {
			case MailedTokens.Redemption.Redeemed unlocked -> {
				return "customer/unlock-done";
			}
			case MailedTokens.Redemption.Invalid invalid -> {
				response.setStatus(HttpStatus.BAD_REQUEST.value());
				model.addAttribute("alert", this.messages.getMessage("problem.unlock-link-invalid.detail", null, locale));
			}
			case MailedTokens.Redemption.RetryLater later -> {
				long seconds = new SignInResult.RetryLater(later.delay()).seconds();
				response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
				model.addAttribute("alert",
						this.messages.getMessage("problem.sign-in-throttled.detail", new Object[] { seconds }, locale));
			}
		}
		// The token is not put back into the page: a refused one is no use, and a new link comes by mail.
		model.addAttribute("token", "");
		return "customer/unlock";
	}

	private static void noReferrer(HttpServletResponse response) {
		response.setHeader("Referrer-Policy", "no-referrer");
	}

	private DateTimeFormatter timeFormat(Locale locale) {
		return DateTimeFormatter.ofPattern(this.messages.getMessage("page.time-format", null, locale), locale);
	}

	private static String japanTime(Instant time, DateTimeFormatter format) {
		return time.atZone(JapanTime.ZONE).format(format);
	}

	private String device(String device, Locale locale) {
		return (device != null) ? device : this.messages.getMessage("page.device.unknown", null, locale);
	}

	private String message(String code, String fallback, Locale locale) {
		return this.messages.getMessage(code, null, fallback, locale);
	}

	private static CustomerId account(Principal principal) {
		return new CustomerId(UUID.fromString(principal.getName()));
	}

}
