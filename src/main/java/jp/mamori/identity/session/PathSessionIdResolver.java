package jp.mamori.identity.session;

import jp.mamori.identity.credentials.SessionIds;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;
import org.springframework.util.Assert;

/**
 * Spring Session has one {@link HttpSessionIdResolver}; this one reads and writes the staff session
 * cookie on the staff paths and the customer session cookie everywhere else.
 *
 * <p>Security decision: on a staff path the customer cookie is never read, and elsewhere the staff
 * cookie is never read, so a browser signed in on both sides holds two unrelated sessions, and
 * neither cookie can open the other side.
 *
 * <p>Security decision: a cookie value that is not shaped like a session ID (a UUID) is ignored, so a
 * keyed hash read from the session table ({@link SessionIds}) cannot be sent back as if Mamori had already
 * hashed it; it is treated as no session at all.
 */
final class PathSessionIdResolver implements HttpSessionIdResolver {

	/** Path prefixes whose requests belong to staff. */
	static final List<String> STAFF_PREFIXES = List.of("/api/v1/staff/", "/console/");

	private final HttpSessionIdResolver customers;

	private final HttpSessionIdResolver staff;

	PathSessionIdResolver(CookieSerializer customerCookie, CookieSerializer staffCookie) {
		Assert.notNull(customerCookie, "customerCookie cannot be null");
		Assert.notNull(staffCookie, "staffCookie cannot be null");
		CookieHttpSessionIdResolver customers = new CookieHttpSessionIdResolver();
		customers.setCookieSerializer(customerCookie);
		CookieHttpSessionIdResolver staff = new CookieHttpSessionIdResolver();
		staff.setCookieSerializer(staffCookie);
		this.customers = customers;
		this.staff = staff;
	}

	static boolean isStaffPath(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals("/console") || path.equals("/api/v1/staff")
				|| STAFF_PREFIXES.stream().anyMatch(path::startsWith);
	}

	@Override
	public List<String> resolveSessionIds(HttpServletRequest request) {
		return pick(request).resolveSessionIds(request).stream().filter(SessionIds::isSessionId).toList();
	}

	@Override
	public void setSessionId(HttpServletRequest request, HttpServletResponse response, String sessionId) {
		pick(request).setSessionId(request, response, sessionId);
	}

	@Override
	public void expireSession(HttpServletRequest request, HttpServletResponse response) {
		pick(request).expireSession(request, response);
	}

	private HttpSessionIdResolver pick(HttpServletRequest request) {
		return isStaffPath(request) ? this.staff : this.customers;
	}

}
