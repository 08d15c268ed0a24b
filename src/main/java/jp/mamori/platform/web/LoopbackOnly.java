package jp.mamori.platform.web;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Grants a request only when it comes from this machine and did not pass through a proxy: a request
 * forwarded by a reverse proxy on the same host also arrives from 127.0.0.1, but carries the proxy's
 * forwarding headers.
 */
public final class LoopbackOnly implements AuthorizationManager<RequestAuthorizationContext> {

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		return new AuthorizationDecision(isDirectLoopback(context.getRequest()));
	}

	/** @return whether the request came straight from this machine */
	public static boolean isDirectLoopback(HttpServletRequest request) {
		if (request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-For") != null
				|| request.getHeader("X-Real-IP") != null) {
			return false;
		}
		String address = request.getRemoteAddr();
		return address != null && (address.startsWith("127.") || address.equals("::1")
				|| address.equals("0:0:0:0:0:0:0:1") || address.startsWith("::ffff:127."));
	}

}
