package jp.mamori.identity.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.account.AccountSessions;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.Devices;
import jp.mamori.identity.credentials.SessionAuthentication;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfLogoutHandler;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.util.Assert;

/**
 * Opens a customer's session once a sign-in has succeeded, holds the short "password verified" state
 * between the password and the second factor, and tells whether the sign-in is fresh.
 *
 * <p>Security decisions:
 * <ul>
 * <li>The session ID changes at sign-in and again when a second factor completes it (each is a change
 * of privilege); the CSRF token changes with a full sign-in.</li>
 * <li>"Password verified" grants nothing: the session holds no authentication, only the account and
 * the time, and it lapses after {@link #PASSWORD_VERIFIED_VALIDITY}.</li>
 * <li>The time of the last full sign-in is kept in the session; changing a second factor needs one
 * within {@link #FRESH_SIGN_IN}.</li>
 * <li>A signed-in session also holds what its owner sees in the session list: a random handle (never
 * the session ID, see {@link ActiveSessions}), the device summary and the address it signed in from,
 * and the time of its last request ({@link SessionLifetime}).</li>
 * </ul>
 */
public final class CustomerSessions {

	static final Duration PASSWORD_VERIFIED_VALIDITY = Duration.ofMinutes(5);

	public static final Duration FRESH_SIGN_IN = Duration.ofMinutes(10);

	static final String SIGNED_IN_AT = "mamori.identity.signedInAt";

	static final String HANDLE = "mamori.identity.handle";

	static final String DEVICE = "mamori.identity.device";

	static final String ADDRESS = "mamori.identity.address";

	static final String LAST_SEEN_AT = "mamori.identity.lastSeenAt";

	private static final SecureRandom random = new SecureRandom();

	static final String VERIFIED_ACCOUNT = "mamori.identity.passwordVerified.account";

	static final String VERIFIED_AT = "mamori.identity.passwordVerified.at";

	private final SecurityContextRepository contexts;

	private final CsrfAuthenticationStrategy csrfRotation;

	private final CsrfLogoutHandler csrfLogout;

	private final int idleTimeoutSeconds;

	private final Clock clock;

	private final TransactionalSessionRepository store;

	public CustomerSessions(SecurityContextRepository contexts, CsrfTokenRepository csrfTokens, int idleTimeoutSeconds,
			Clock clock, TransactionalSessionRepository store) {
		Assert.notNull(contexts, "contexts cannot be null");
		Assert.notNull(csrfTokens, "csrfTokens cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		Assert.notNull(store, "store cannot be null");
		this.contexts = contexts;
		this.csrfRotation = new CsrfAuthenticationStrategy(csrfTokens);
		this.csrfLogout = new CsrfLogoutHandler(csrfTokens);
		this.idleTimeoutSeconds = idleTimeoutSeconds;
		this.clock = clock;
		this.store = store;
	}

	/**
	 * The customer is signed in: a new session ID, the customer's authority and the factors used. Called
	 * within the sign-in's transaction, the session is written in it (see
	 * {@link TransactionalSessionRepository}); otherwise at the end of the request.
	 */
	public void signedIn(CustomerId account, List<String> factors, HttpServletRequest request,
			HttpServletResponse response, ClientSource source) {
		HttpSession session = renew(request);
		session.removeAttribute(VERIFIED_ACCOUNT);
		session.removeAttribute(VERIFIED_AT);
		long now = this.clock.millis();
		session.setAttribute(SIGNED_IN_AT, now);
		session.setAttribute(LAST_SEEN_AT, now);
		session.setAttribute(HANDLE, newHandle());
		String device = Devices.describe(source.userAgent());
		if (device != null) {
			session.setAttribute(DEVICE, device);
		}
		else {
			session.removeAttribute(DEVICE);
		}
		session.setAttribute(ADDRESS, source.addressText());
		List<GrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new SimpleGrantedAuthority(SessionAuthentication.CUSTOMER));
		factors.forEach((factor) -> authorities.add(FactorGrantedAuthority.fromAuthority(factor)));
		Authentication authentication = SessionAuthentication.establish(account.toString(), authorities,
				this.contexts, request, response);
		this.csrfRotation.onAuthentication(authentication, request, response);
		this.store.saveWithinTransaction(request);
	}

	/** The customer signs out: the session ends and the CSRF token with it. */
	public void signedOut(HttpServletRequest request, HttpServletResponse response) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		new SecurityContextLogoutHandler().logout(request, response, authentication);
		this.csrfLogout.logout(request, response, authentication);
	}

	/** @return how long a customer's session lasts without requests, in seconds */
	public int idleTimeoutSeconds() {
		return this.idleTimeoutSeconds;
	}

	/** The password was right and a second factor must follow; whoever was signed in here is no longer. */
	public void passwordVerified(CustomerId account, HttpServletRequest request) {
		HttpSession session = renew(request);
		SecurityContextHolder.clearContext();
		session.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		session.removeAttribute(SIGNED_IN_AT);
		session.setAttribute(VERIFIED_ACCOUNT, account.toString());
		session.setAttribute(VERIFIED_AT, this.clock.millis());
	}

	/** @return the account whose password this session verified, if that was less than five minutes ago */
	public Optional<CustomerId> passwordVerifiedAccount(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(VERIFIED_ACCOUNT) instanceof String account)
				|| !(session.getAttribute(VERIFIED_AT) instanceof Long at)) {
			return Optional.empty();
		}
		if (this.clock.millis() - at > PASSWORD_VERIFIED_VALIDITY.toMillis()) {
			session.removeAttribute(VERIFIED_ACCOUNT);
			session.removeAttribute(VERIFIED_AT);
			return Optional.empty();
		}
		return Optional.of(new CustomerId(UUID.fromString(account)));
	}

	/** @return whether this session's customer signed in fully within the last ten minutes */
	public boolean signedInRecently(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return session != null && session.getAttribute(SIGNED_IN_AT) instanceof Long at
				&& this.clock.millis() - at <= FRESH_SIGN_IN.toMillis();
	}

	/** @return 128 random bits, URL-safe: names a session in the session list without being its ID */
	private static String newHandle() {
		byte[] bytes = new byte[16];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private HttpSession renew(HttpServletRequest request) {
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		HttpSession session = request.getSession(true);
		session.setMaxInactiveInterval(this.idleTimeoutSeconds);
		return session;
	}

	/**
	 * After a password change, for the API and the pages alike: the other sessions end if asked, and
	 * this one gets a new ID. Security decision: a change of credentials is a change of privilege.
	 */
	public static void passwordChanged(AccountSessions accountSessions, CustomerId account, boolean endOtherSessions,
			HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (endOtherSessions && session != null) {
			accountSessions.endAllBut(account, session.getId());
		}
		request.changeSessionId();
	}

	/** After the account was closed: this session ends too, for the API and the pages alike. */
	public static void closed(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		SecurityContextHolder.clearContext();
	}

	/** @return whether the session was opened with a code by e-mail (what closing a passwordless account needs) */
	public static boolean emailCodeSession(Authentication authentication) {
		return authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> FactorGrantedAuthority.OTT_AUTHORITY.equals(authority.getAuthority()));
	}

}
