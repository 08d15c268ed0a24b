package jp.mamori.identity.credentials;

import java.util.Collection;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;

/** A signed-in principal, customer or staff member, as the session keeps it for the next requests. */
public final class SessionAuthentication {

	/** The authority of every signed-in customer. */
	public static final String CUSTOMER = "ROLE_CUSTOMER";

	private SessionAuthentication() {
	}

	/**
	 * Authenticate this request as {@code name} with {@code authorities} and save that in the session.
	 * @return the authentication, e.g. for rotating the CSRF token
	 */
	public static Authentication establish(String name, Collection<? extends GrantedAuthority> authorities,
			SecurityContextRepository contexts, HttpServletRequest request, HttpServletResponse response) {
		Authentication authentication = UsernamePasswordAuthenticationToken.authenticated(name, null, authorities);
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
		return authentication;
	}

}
