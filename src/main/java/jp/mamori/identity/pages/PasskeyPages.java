package jp.mamori.identity.pages;

import jp.mamori.identity.factors.SecondFactors;
import jp.mamori.identity.session.CustomerSessions;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The passkey pages: the signed-in customer's passkeys ({@value PagePaths#PASSKEYS}), and the second
 * step of a sign-in for an account with a passkey ({@value PagePaths#PASSKEY_STEP}). Signing in with a
 * passkey alone is a button on {@code /sign-in}. The pages are shells on the shared layout: what they
 * show and do goes through the JSON API from {@code /assets/passkeys.js}, which enforces sign-in and
 * freshness, so the page and the API cannot disagree.
 *
 * <p>Security decisions: the pages carry the page's own CSRF token for the script to send; adding or
 * removing a passkey needs a fresh sign-in as in the API, and the page names where a stale session goes
 * to sign in again and come back ({@code data-fresh-sign-in}). The second-step page is only for a
 * session past its first factor; anyone else is sent to sign in.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
final class PasskeyPages implements CustomerPage {

	private final SecondFactors secondFactors;

	private final CustomerSessions sessions;

	PasskeyPages(SecondFactors secondFactors, CustomerSessions sessions) {
		Assert.notNull(secondFactors, "secondFactors cannot be null");
		Assert.notNull(sessions, "sessions cannot be null");
		this.secondFactors = secondFactors;
		this.sessions = sessions;
	}

	@GetMapping(PagePaths.PASSKEYS)
	String manage(Model model) {
		model.addAttribute("freshSignIn", freshSignIn());
		return "customer/passkeys";
	}

	@GetMapping(PagePaths.PASSKEY_STEP)
	String secondStep(@RequestParam(required = false) String next, Model model, HttpServletRequest request) {
		var account = this.sessions.passwordVerifiedAccount(request);
		if (account.isEmpty()) {
			return "redirect:" + PagePaths.signInThenBackTo(next, "sign-in-again");
		}
		model.addAttribute("next", PagePaths.afterSignIn(next));
		model.addAttribute("totp", this.secondFactors.available(account.get()).contains(SecondFactors.TOTP));
		return "customer/sign-in-passkey";
	}

	/** @return where a stale session signs in again, to come back to the passkeys */
	static String freshSignIn() {
		return PagePaths.signInThenBackTo(PagePaths.PASSKEYS, "fresh-sign-in-for-passkeys");
	}

}
