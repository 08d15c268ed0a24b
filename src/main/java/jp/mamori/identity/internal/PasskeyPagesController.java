package jp.mamori.identity.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The passkey pages: managing one's passkeys, and signing in with one. They are shells; everything
 * they show and do goes through the customer API from {@code /assets/passkeys.js}, which enforces
 * sign-in and freshness, so the pages themselves hold nothing to protect.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
final class PasskeyPagesController {

	static final String MANAGE_PATH = "/customer/passkeys";

	static final String SIGN_IN_PATH = "/customer/passkey-sign-in";

	@GetMapping(MANAGE_PATH)
	String manage() {
		return "customer/passkeys";
	}

	@GetMapping(SIGN_IN_PATH)
	String signIn() {
		return "customer/passkey-sign-in";
	}

}
