package jp.mamori.platform.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The Spring Security baseline. CSRF protection is on for every state-changing request that could
 * carry ambient credentials (any request with a cookie). Staff areas are denied until staff accounts
 * exist; the developer-only pages answer to this machine alone. Headers are written by
 * {@link SecurityHeaders}, so that refusals made before Spring Security carry them too. Without a web
 * server (command mode, e.g. {@code ./mamori verify-log}) there is nothing to secure and no
 * {@code HttpSecurity} to build from.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebSecurityConfiguration {

	/** Paths that only a direct request from this machine may reach (development tools). */
	static final String[] LOOPBACK_PATHS = { "/dev/**" };

	/** Staff paths: denied to everyone until the identity module declares their permissions. */
	static final String[] STAFF_PATHS = { "/console/**", "/api/v1/console/**", "/admin/**" };

	@Bean
	SecurityFilterChain baselineSecurity(HttpSecurity http, Problems problems) throws Exception {
		http.headers(AbstractHttpConfigurer::disable)
			.csrf((csrf) -> csrf.requireCsrfProtectionMatcher(CsrfRules::cookiesNeedToken))
			.authorizeHttpRequests((authorize) -> authorize.requestMatchers(LOOPBACK_PATHS)
				.access(new LoopbackOnly())
				.requestMatchers(STAFF_PATHS)
				.denyAll()
				.anyRequest()
				.permitAll())
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.exceptionHandling((exceptions) -> exceptions
				.authenticationEntryPoint((request, response, ex) -> {
					// Signing in cannot open the development tools to a remote or proxied caller.
					boolean loopbackPath = request.getRequestURI().startsWith("/dev/");
					problems.write(request, response, loopbackPath ? HttpStatus.FORBIDDEN : HttpStatus.UNAUTHORIZED,
							loopbackPath ? "forbidden" : "unauthorized");
				})
				.accessDeniedHandler(problems.accessDenied()));
		return http.build();
	}

}
