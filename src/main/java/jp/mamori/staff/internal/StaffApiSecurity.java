package jp.mamori.staff.internal;

import java.time.Clock;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import jp.mamori.audit.OperationLog;
import jp.mamori.identity.credentials.IdentityProperties;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.platform.web.CsrfRules;
import jp.mamori.platform.web.Problems;
import jp.mamori.platform.web.RandomCsrfTokens;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Spring Security for the staff API ({@code /api/v1/staff/**}) and console ({@code /console/**}),
 * ahead of the platform's baseline chain (which denies the staff paths outright).
 *
 * <p>Security decisions:
 * <ul>
 * <li>Only the steps of signing in and setting up are open; everything else needs a signed-in member
 * of staff ({@link StaffSessions#STAFF}), and then the permission its handler declares
 * ({@link StaffAccessInterceptor}: default deny).</li>
 * <li>A CSRF cookie of its own ({@value #CSRF_COOKIE}), so the staff and customer tokens never
 * overwrite each other; signing in needs a token even without cookies (login CSRF).</li>
 * <li>Every request that reaches a staff handler is written to the operation log
 * ({@link StaffAuditFilter}).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class StaffApiSecurity {

	static final String API = "/api/v1/staff/**";

	public static final String CSRF_PATH = "/api/v1/staff/csrf";

	public static final String SETUP_PATH = "/api/v1/staff/setup";

	public static final String SESSION_PATH = "/api/v1/staff/session";

	public static final String TOTP_PATH = SESSION_PATH + "/totp";

	public static final String ENROLMENT_PATH = SESSION_PATH + "/totp-enrolment";

	public static final String CONSOLE_SIGN_IN = "/console/sign-in";

	public static final String CONSOLE_ENROLMENT = CONSOLE_SIGN_IN + "/totp-enrolment";

	static final String CSRF_COOKIE = "__Host-STAFF-XSRF-TOKEN";

	/** Unsafe requests that need a CSRF token with or without cookies. */
	private static final Set<String> SIGN_IN_STEPS = Set.of(SETUP_PATH, SESSION_PATH, TOTP_PATH, ENROLMENT_PATH,
			ENROLMENT_PATH + "/confirmation", CONSOLE_SIGN_IN, CONSOLE_SIGN_IN + "/totp", CONSOLE_ENROLMENT,
			CONSOLE_ENROLMENT + "/confirmation");

	@Bean
	CsrfTokenRepository staffCsrfTokens() {
		CookieCsrfTokenRepository repository = new CookieCsrfTokenRepository();
		repository.setCookieName(CSRF_COOKIE);
		repository.setCookieCustomizer((cookie) -> cookie.secure(true).sameSite("Lax").path("/"));
		return new RandomCsrfTokens(repository);
	}

	@Bean
	StaffSessions staffSessions(CsrfTokenRepository staffCsrfTokens, IdentityProperties properties,
			Clock clock) {
		return new StaffSessions(StaffSessions.contextRepository(), staffCsrfTokens, properties.session(), clock);
	}

	@Bean
	@Order(9)
	SecurityFilterChain staffSecurityChain(HttpSecurity http, Problems problems, CsrfTokenRepository staffCsrfTokens,
			StaffSessions staffSessions, SecurityEvents events, OperationLog log, PlatformTransactionManager transactionManager)
			throws Exception {
		http.securityMatcher(API, "/console", "/console/**")
			.headers(AbstractHttpConfigurer::disable)
			.csrf((csrf) -> csrf.csrfTokenRepository(staffCsrfTokens)
				.csrfTokenRequestHandler(new XorCsrfTokenRequestAttributeHandler())
				.requireCsrfProtectionMatcher(StaffApiSecurity::needsCsrfToken))
			.securityContext((context) -> context.securityContextRepository(StaffSessions.contextRepository()))
			.sessionManagement((sessions) -> sessions.sessionFixation().none())
			.authorizeHttpRequests((authorize) -> authorize.requestMatchers(HttpMethod.GET, CSRF_PATH, SESSION_PATH)
				.permitAll()
				.requestMatchers(HttpMethod.POST, SIGN_IN_STEPS.toArray(String[]::new))
				.permitAll()
				.requestMatchers(HttpMethod.DELETE, SESSION_PATH)
				.permitAll()
				.requestMatchers(HttpMethod.GET, CONSOLE_SIGN_IN, CONSOLE_SIGN_IN + "/totp", CONSOLE_ENROLMENT)
				.permitAll()
				.anyRequest()
				.hasAuthority(StaffSessions.STAFF))
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.anonymous((anonymous) -> anonymous.principal("anonymous"))
			.addFilterBefore(new StaffSessionTimeoutFilter(staffSessions, events), SecurityContextHolderFilter.class)
			.addFilterAfter(new StaffAuditFilter(log, transactionManager), AuthorizationFilter.class)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint((request, response, ex) -> {
				if (request.getRequestURI().startsWith("/console") && !request.getRequestURI().startsWith("/api/")
						&& "GET".equals(request.getMethod())) {
					// A browser on a console page is sent to the sign-in page instead of an error page.
					response.sendRedirect(CONSOLE_SIGN_IN);
					return;
				}
				problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized");
			}).accessDeniedHandler(problems.accessDenied()));
		return http.build();
	}

	static boolean needsCsrfToken(HttpServletRequest request) {
		return CsrfRules.cookiesNeedToken(request)
				|| CsrfRules.isUnsafe(request) && SIGN_IN_STEPS.contains(request.getRequestURI());
	}

}
