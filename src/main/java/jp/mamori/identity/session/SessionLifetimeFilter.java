package jp.mamori.identity.session;

import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import jp.mamori.identity.IdentitySecurityEvents;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.platform.web.ClientAddressResolver;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a customer's session that has outlived its {@link SessionLifetime} before anything reads it:
 * it runs after Spring Session has loaded the session and before Spring Security looks for a
 * signed-in customer in it, so the request that comes too late is simply not signed in. Otherwise it
 * notes the time of this request in the session.
 */
final class SessionLifetimeFilter extends OncePerRequestFilter {

	private final SessionLifetime lifetime;

	private final SecurityEvents events;

	private final ClientAddressResolver addresses;

	SessionLifetimeFilter(SessionLifetime lifetime, SecurityEvents events, ClientAddressResolver addresses) {
		Assert.notNull(lifetime, "lifetime cannot be null");
		Assert.notNull(events, "events cannot be null");
		Assert.notNull(addresses, "addresses cannot be null");
		this.lifetime = lifetime;
		this.events = events;
		this.addresses = addresses;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		if (session != null) {
			SessionLifetime.Ending ending = this.lifetime.ending(session::getAttribute);
			if (ending != SessionLifetime.Ending.NONE) {
				ended(session, ending, request);
			}
			else if (session.getAttribute(CustomerSessions.SIGNED_IN_AT) != null
					&& this.lifetime.lastSeenStale(session::getAttribute)) {
				session.setAttribute(CustomerSessions.LAST_SEEN_AT, this.lifetime.now());
			}
		}
		chain.doFilter(request, response);
	}

	private void ended(HttpSession session, SessionLifetime.Ending ending, HttpServletRequest request) {
		Map<String, String> attributes = new HashMap<>();
		Object context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
		if (context instanceof SecurityContext security && security.getAuthentication() != null) {
			attributes.put("account_id", security.getAuthentication().getName());
		}
		session.invalidate();
		ClientSource source = new ClientSource(this.addresses.resolve(request), request.getHeader("User-Agent"));
		attributes.put("reason", ending.name().toLowerCase(Locale.ROOT));
		attributes.put("source_address", source.addressText());
		attributes.put("user_agent", source.userAgent());
		this.events.publish(IdentitySecurityEvents.SESSION_EXPIRED, attributes);
	}

}
