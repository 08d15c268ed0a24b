package jp.mamori.identity.api;

import jakarta.servlet.http.HttpServletRequest;

import jp.mamori.identity.factors.SecondFactors;
import jp.mamori.identity.session.CustomerSessions;
import jp.mamori.platform.web.CsrfRules;
import jp.mamori.platform.web.Problems;
import jp.mamori.platform.web.RandomCsrfTokens;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

/**
 * Spring Security for the customer JSON API ({@code /api/v1/customer/**}), ahead of the platform's
 * baseline chain. Signing in is a controller ({@link CustomerSessionController}), not a filter, so
 * that throttling, lockout and the uniform refusal are in one place.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class CustomerApiSecurity {

	/** The CSRF cookie: host-bound ({@code __Host-}: Secure, Path=/, no Domain). */
	public static final String CSRF_COOKIE = "__Host-XSRF-TOKEN";

	static final String API = "/api/v1/customer/**";

	public static final String SESSION_PATH = "/api/v1/customer/session";

	public static final String CSRF_PATH = "/api/v1/customer/csrf";

	/**
	 * Security decision: the CSRF token lives in a cookie, not in the session, so that an anonymous
	 * visitor asking for a token does not make Mamori store a session row. The cookie is Secure,
	 * HttpOnly and SameSite=Lax; clients learn the token from {@code GET /api/v1/customer/csrf}, masked
	 * afresh in every response (BREACH), and send it back in the {@code X-XSRF-TOKEN} header. Its name
	 * carries the {@code __Host-} prefix, so browsers take it only Secure, with Path=/ and without a
	 * Domain: a sibling subdomain cannot plant a token of its choosing (cookie tossing).
	 */
	@Bean
	SignInResponses signInResponses(CustomerSessions sessions, SecondFactors secondFactors, Problems problems) {
		return new SignInResponses(sessions, secondFactors, problems);
	}

	@Bean
	CsrfTokenRepository customerCsrfTokens() {
		CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
		repository.setCookieName(CSRF_COOKIE);
		repository.setCookieCustomizer((cookie) -> cookie.secure(true).sameSite("Lax").path("/"));
		return new RandomCsrfTokens(repository);
	}

	@Bean
	SecurityContextRepository customerSecurityContexts() {
		return new HttpSessionSecurityContextRepository();
	}

	@Bean
	@Order(10)
	SecurityFilterChain customerApiSecurityChain(HttpSecurity http, Problems problems,
			CsrfTokenRepository customerCsrfTokens, SecurityContextRepository customerSecurityContexts)
			throws Exception {
		http.securityMatcher(API)
			.headers(AbstractHttpConfigurer::disable)
			.csrf((csrf) -> csrf.csrfTokenRepository(customerCsrfTokens)
				.csrfTokenRequestHandler(new XorCsrfTokenRequestAttributeHandler())
				.requireCsrfProtectionMatcher(CustomerApiSecurity::needsCsrfToken))
			.securityContext((context) -> context.securityContextRepository(customerSecurityContexts))
			.authorizeHttpRequests((authorize) -> authorize.requestMatchers(HttpMethod.GET, CSRF_PATH)
				.permitAll()
				.requestMatchers(HttpMethod.POST, SESSION_PATH, TotpSignInController.PATH)
				.permitAll()
				.requestMatchers(HttpMethod.POST, PasskeySignInController.PATHS.toArray(String[]::new))
				.permitAll()
				.requestMatchers(HttpMethod.POST, EmailCodeController.PATH, EmailCodeController.VERIFICATION_PATH)
				.permitAll()
				.requestMatchers(HttpMethod.DELETE, SESSION_PATH)
				.permitAll()
				.requestMatchers(HttpMethod.POST, RegistrationController.PATH, RegistrationController.PATH + "/*/confirmation")
				.permitAll()
				.requestMatchers(HttpMethod.POST, PasswordResetController.PATH, PasswordResetController.COMPLETION_PATH)
				.permitAll()
				.requestMatchers(HttpMethod.POST, UnlockController.PATH)
				.permitAll()
				.anyRequest()
				.authenticated())
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.anonymous((anonymous) -> anonymous.principal("anonymous"))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems.signInRequired())
				.accessDeniedHandler(problems.accessDenied()));
		return http.build();
	}

	/**
	 * The platform's rule (an unsafe request that sends cookies must carry a token) plus one: signing in
	 * always needs a token, cookies or not, with a password or with an e-mail code. Security decision: otherwise a forged cross-site sign-in
	 * could put a victim's browser into the attacker's account (login CSRF) and collect what the victim
	 * types there.
	 */
	static boolean needsCsrfToken(HttpServletRequest request) {
		return CsrfRules.cookiesNeedToken(request)
				|| CsrfRules.isUnsafe(request) && (SESSION_PATH.equals(request.getRequestURI())
						|| EmailCodeController.VERIFICATION_PATH.equals(request.getRequestURI())
						|| TotpSignInController.PATH.equals(request.getRequestURI())
						|| PasskeySignInController.PATHS.contains(request.getRequestURI()));
	}

}
