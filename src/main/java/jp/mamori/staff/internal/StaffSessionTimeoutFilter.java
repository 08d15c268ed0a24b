package jp.mamori.staff.internal;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import jp.mamori.staff.StaffSecurityEvents;
import jp.mamori.platform.SecurityEvents;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a staff session that has been idle or open too long (see {@link StaffSessions}) before Spring
 * Security reads it, so the request goes on as anonymous and is answered "sign-in required". Spring
 * Session's own idle expiry uses the wall clock; this one uses the injected clock, so tests move time.
 */
final class StaffSessionTimeoutFilter extends OncePerRequestFilter {

	private final StaffSessions sessions;

	private final SecurityEvents events;

	StaffSessionTimeoutFilter(StaffSessions sessions, SecurityEvents events) {
		Assert.notNull(sessions, "sessions cannot be null");
		Assert.notNull(events, "events cannot be null");
		this.sessions = sessions;
		this.events = events;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		if (session != null) {
			if (this.sessions.expired(session)) {
				Object staff = session.getAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME);
				session.invalidate();
				if (staff instanceof String staffId) {
					this.events.publish(StaffSecurityEvents.SESSION_EXPIRED, Map.of("staff_id", staffId));
				}
			}
			else {
				this.sessions.seen(session);
			}
		}
		chain.doFilter(request, response);
	}

}
