package jp.mamori.identity.pages;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import jp.mamori.identity.credentials.SessionAuthentication;
import jp.mamori.platform.web.Problems;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Spring Security for the customer's pages ({@code /register}, {@code /sign-in}, {@code /account},
 * {@code /password-reset}),
 * ahead of the platform's baseline chain. The pages share the JSON API's session and CSRF cookie, so a
 * customer signed in on one is signed in on the other.
 *
 * <p>Security decisions:
 * <ul>
 * <li>Every POST to a page carries the CSRF token as the hidden {@code _csrf} field, cookies or not:
 * forms are only ever posted from Mamori's own pages, and a forged sign-in (login CSRF) is refused.</li>
 * <li>{@code /account/**} needs a signed-in customer; anyone else is sent to {@code /sign-in}, which
 * brings them back afterwards (only to a path under {@code /account}, see {@link PagePaths}).</li>
 * <li>Except {@value PagePaths#UNLOCK}, the lockout mail's link: its owner is locked out and cannot sign
 * in first; the token in the link is what it needs ({@link SessionPages}).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class CustomerPageSecurity {

	static final String[] PAGES = { PagePaths.REGISTER, PagePaths.REGISTER + "/**", PagePaths.SIGN_IN,
			PagePaths.SIGN_IN + "/**", PagePaths.ACCOUNT, PagePaths.ACCOUNT + "/**",
			PagePaths.PASSWORD_RESET, PagePaths.PASSWORD_RESET + "/**" };

	@Bean
	@Order(20)
	SecurityFilterChain customerPageSecurityChain(HttpSecurity http, Problems problems,
			CsrfTokenRepository customerCsrfTokens, SecurityContextRepository customerSecurityContexts)
			throws Exception {
		http.securityMatcher(PAGES)
			.headers(AbstractHttpConfigurer::disable)
			.csrf((csrf) -> csrf.csrfTokenRepository(customerCsrfTokens)
				.csrfTokenRequestHandler(new XorCsrfTokenRequestAttributeHandler()))
			.addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
			.securityContext((context) -> context.securityContextRepository(customerSecurityContexts))
			.authorizeHttpRequests((authorize) -> authorize.requestMatchers(PagePaths.UNLOCK)
				.permitAll()
				.requestMatchers(PagePaths.ACCOUNT, PagePaths.ACCOUNT + "/**")
				.hasAuthority(SessionAuthentication.CUSTOMER)
				.anyRequest()
				.permitAll())
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.anonymous((anonymous) -> anonymous.principal("anonymous"))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(signInFirst())
				.accessDeniedHandler(problems.accessDenied()));
		return http.build();
	}

	/** Not signed in: to the sign-in page, which returns to the page asked for once signed in. */
	static AuthenticationEntryPoint signInFirst() {
		return (request, response, ex) -> response.sendRedirect(
				PagePaths.signInThenBackTo(request.getMethod().equals("GET") ? request.getRequestURI() : null, null));
	}

	/**
	 * Makes the CSRF token (and so its cookie) before a page is written, so that the cookie is never
	 * lost behind a response that is already on its way.
	 */
	static final class CsrfCookieFilter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
				token.getToken();
			}
			chain.doFilter(request, response);
		}

	}

}
