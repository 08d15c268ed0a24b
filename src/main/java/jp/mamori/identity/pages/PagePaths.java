package jp.mamori.identity.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Where the customer's pages live, and where a sign-in may send the customer back to. */
public final class PagePaths {

	static final String REGISTER = "/register";

	public static final String SIGN_IN = "/sign-in";

	static final String EMAIL_CODE = SIGN_IN + "/email-code";

	static final String EMAIL_CODE_ENTRY = EMAIL_CODE + "/entry";

	static final String SECOND_FACTOR = SIGN_IN + "/totp";

	/** The second step for an account with a passkey: the passkey, and TOTP when it has that too. */
	public static final String PASSKEY_STEP = SIGN_IN + "/passkey";

	static final String ACCOUNT = "/account";

	static final String SIGN_OUT = ACCOUNT + "/sign-out";

	static final String TOTP = ACCOUNT + "/security/totp";

	static final String PASSWORD = ACCOUNT + "/security/password";

	static final String EMAIL = ACCOUNT + "/email";

	static final String EMAIL_CONFIRMATION = EMAIL + "/confirmation";

	static final String CLOSE = ACCOUNT + "/close";

	static final String PASSWORD_RESET = "/password-reset";

	static final String NEW_PASSWORD = PASSWORD_RESET + "/new-password";

	public static final String PASSKEYS = ACCOUNT + "/security/passkeys";

	static final String SESSIONS = ACCOUNT + "/sessions";

	static final String SIGN_IN_HISTORY = ACCOUNT + "/sign-in-history";

	/** The page of the lockout mail's link; open without signing in, as its owner is locked out. */
	static final String UNLOCK = ACCOUNT + "/unlock";

	/**
	 * Security decision: after signing in, a customer is sent back only to a page of their own account,
	 * named by plain path segments, never to another host or scheme (no open redirect).
	 */
	private static final Pattern RETURNABLE = Pattern.compile("/account(/[a-z0-9-]{1,40}){0,4}");

	private PagePaths() {
	}

	/** @return {@code next} if a sign-in may return there, else the account's home page */
	static String afterSignIn(String next) {
		return (next != null && RETURNABLE.matcher(next).matches()) ? next : ACCOUNT;
	}

	/** @return the sign-in page, set to return to {@code next} (if allowed) and to show {@code notice} */
	static String signInThenBackTo(String next, String notice) {
		StringBuilder path = new StringBuilder(SIGN_IN);
		char separator = '?';
		if (next != null && RETURNABLE.matcher(next).matches() && !next.equals(ACCOUNT)) {
			path.append(separator).append("next=").append(URLEncoder.encode(next, StandardCharsets.UTF_8));
			separator = '&';
		}
		if (notice != null) {
			path.append(separator).append("notice=").append(notice);
		}
		return path.toString();
	}

}
