package jp.mamori.staff.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.mamori.identity.credentials.IdentityProperties;
import jp.mamori.identity.credentials.SessionAuthentication;
import jp.mamori.staff.CurrentStaff;
import jp.mamori.staff.StaffId;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.util.Assert;

/**
 * A staff member's session: the states a sign-in passes through and the timeouts.
 *
 * <p>Security decisions:
 * <ul>
 * <li>The staff security context is kept under its own session key ({@link #CONTEXT_KEY}) and the
 * session travels in its own cookie: a customer's session, even one whose ID were sent in the staff
 * cookie, holds no staff context, and a staff session holds no customer context.</li>
 * <li>The session ID changes at each step (password verified, enrolment, signed in).</li>
 * <li>"Password verified" and "enrolling an authenticator" grant nothing beyond the next step; both
 * lapse on their own.</li>
 * <li>A signed-in session ends after {@code staff-idle-timeout} without a request and
 * {@code staff-absolute-timeout} after sign-in, however busy, both measured on the injected clock
 * ({@link StaffSessionTimeoutFilter}).</li>
 * <li>The session remembers when its member last gave the TOTP code (at sign-in, or again at a step-up);
 * privileged operations need it within {@link #SECOND_FACTOR_FRESHNESS}, on the injected clock. A step-up
 * changes the session ID like any other change of privilege.</li>
 * </ul>
 */
public final class StaffSessions {

	/** The authority of every signed-in member of staff; customers never hold it. */
	static final String STAFF = CurrentStaff.AUTHORITY;

	static final String CONTEXT_KEY = "MAMORI_STAFF_SECURITY_CONTEXT";

	static final Duration PASSWORD_VERIFIED_VALIDITY = Duration.ofMinutes(5);

	static final Duration ENROLMENT_VALIDITY = Duration.ofMinutes(15);

	static final String SIGNED_IN_AT = "mamori.staff.signedInAt";

	static final String LAST_SEEN_AT = "mamori.staff.lastSeenAt";

	/** How long a second factor counts as fresh for {@link jp.mamori.staff.Permission#PRIVILEGED_OPERATIONS}. */
	public static final Duration SECOND_FACTOR_FRESHNESS = Duration.ofMinutes(5);

	static final String SECOND_FACTOR_AT = "mamori.staff.secondFactorAt";

	private static final String VERIFIED = "mamori.staff.passwordVerified";

	private static final String ENROLLING = "mamori.staff.enrolling";

	private static final String TOTP_FACTOR = FactorGrantedAuthority.fromFactor("TOTP").getAuthority();

	private final HttpSessionSecurityContextRepository contexts;

	private final CsrfAuthenticationStrategy csrfRotation;

	private final IdentityProperties.Session settings;

	private final Clock clock;

	StaffSessions(HttpSessionSecurityContextRepository contexts, CsrfTokenRepository csrfTokens,
			IdentityProperties.Session settings, Clock clock) {
		Assert.notNull(contexts, "contexts cannot be null");
		Assert.notNull(csrfTokens, "csrfTokens cannot be null");
		Assert.notNull(settings, "settings cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.contexts = contexts;
		this.csrfRotation = new CsrfAuthenticationStrategy(csrfTokens);
		this.settings = settings;
		this.clock = clock;
	}

	static HttpSessionSecurityContextRepository contextRepository() {
		HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();
		repository.setSpringSecurityContextKey(CONTEXT_KEY);
		return repository;
	}

	public void passwordVerified(StaffId staff, HttpServletRequest request) {
		renew(request).setAttribute(VERIFIED, staff + "|" + this.clock.millis());
	}

	public void enrolling(StaffId staff, HttpServletRequest request) {
		renew(request).setAttribute(ENROLLING, staff + "|" + this.clock.millis());
	}

	public Optional<StaffId> passwordVerified(HttpServletRequest request) {
		return state(request, VERIFIED, PASSWORD_VERIFIED_VALIDITY);
	}

	public Optional<StaffId> enrolling(HttpServletRequest request) {
		return state(request, ENROLLING, ENROLMENT_VALIDITY);
	}

	/** Enrolment done: the session forgets the member, who must now sign in with both factors. */
	public void enrolled(HttpServletRequest request) {
		renew(request);
	}

	public void signedIn(StaffId staff, HttpServletRequest request, HttpServletResponse response) {
		HttpSession session = renew(request);
		long now = this.clock.millis();
		session.setAttribute(SIGNED_IN_AT, now);
		session.setAttribute(LAST_SEEN_AT, now);
		session.setAttribute(SECOND_FACTOR_AT, now);
		// Spring Session indexes sessions by this name, so disabling an account can end them all.
		session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, staff.toString());
		List<GrantedAuthority> authorities = List.of(new SimpleGrantedAuthority(STAFF),
				FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY),
				FactorGrantedAuthority.fromAuthority(TOTP_FACTOR));
		Authentication authentication = SessionAuthentication.establish(staff.toString(), authorities,
				this.contexts, request, response);
		this.csrfRotation.onAuthentication(authentication, request, response);
	}

	/** The signed-in member gave a right TOTP code again: a new session ID, the time remembered. */
	public void secondFactorGiven(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null || session.getAttribute(SIGNED_IN_AT) == null) {
			return;
		}
		request.changeSessionId();
		session.setAttribute(SECOND_FACTOR_AT, this.clock.millis());
	}

	/** @return whether the signed-in member gave the second factor within {@link #SECOND_FACTOR_FRESHNESS} */
	public boolean secondFactorFresh(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return session != null && session.getAttribute(SECOND_FACTOR_AT) instanceof Long givenAt
				&& this.clock.millis() - givenAt <= SECOND_FACTOR_FRESHNESS.toMillis();
	}

	/** @return whether a signed-in session has been idle or open too long, by the injected clock */
	boolean expired(HttpSession session) {
		if (!(session.getAttribute(SIGNED_IN_AT) instanceof Long signedInAt)
				|| !(session.getAttribute(LAST_SEEN_AT) instanceof Long lastSeenAt)) {
			return false;
		}
		long now = this.clock.millis();
		return now - lastSeenAt > this.settings.staffIdleTimeout().toMillis()
				|| now - signedInAt > this.settings.staffAbsoluteTimeout().toMillis();
	}

	void seen(HttpSession session) {
		if (session.getAttribute(SIGNED_IN_AT) != null) {
			session.setAttribute(LAST_SEEN_AT, this.clock.millis());
		}
	}

	public long idleTimeoutSeconds() {
		return this.settings.staffIdleTimeout().toSeconds();
	}

	private Optional<StaffId> state(HttpServletRequest request, String attribute, Duration validity) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(attribute) instanceof String value)) {
			return Optional.empty();
		}
		int bar = value.indexOf('|');
		if (this.clock.millis() - Long.parseLong(value.substring(bar + 1)) > validity.toMillis()) {
			session.removeAttribute(attribute);
			return Optional.empty();
		}
		return Optional.of(new StaffId(UUID.fromString(value.substring(0, bar))));
	}

	/** A new session ID, and nothing of the state before it: each step is a change of privilege. */
	private HttpSession renew(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			request.changeSessionId();
			for (String name : List.of(VERIFIED, ENROLLING, SIGNED_IN_AT, LAST_SEEN_AT, SECOND_FACTOR_AT, CONTEXT_KEY,
					FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME)) {
				session.removeAttribute(name);
			}
		}
		SecurityContextHolder.clearContext();
		session = request.getSession(true);
		session.setMaxInactiveInterval(Math.toIntExact(this.settings.staffIdleTimeout().toSeconds()));
		return session;
	}

}
