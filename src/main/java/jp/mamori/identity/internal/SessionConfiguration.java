package jp.mamori.identity.internal;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.config.annotation.web.http.EnableJdbcHttpSession;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * HTTP sessions in PostgreSQL (Spring Session JDBC), so that every node knows every session and a
 * session can be listed and ended from anywhere. Tables come from the identity migrations.
 */
@Configuration(proxyBeanMethods = false)
@EnableJdbcHttpSession
class SessionConfiguration {

	/**
	 * Security decision: the session cookie is Secure (HTTPS only), HttpOnly (no script reads it) and
	 * SameSite=Lax (not sent on cross-site POSTs).
	 */
	@Bean
	CookieSerializer sessionCookie(IdentityProperties properties) {
		DefaultCookieSerializer cookie = new DefaultCookieSerializer();
		cookie.setCookieName(properties.session().customerCookie());
		cookie.setCookiePath("/");
		cookie.setUseSecureCookie(true);
		cookie.setUseHttpOnlyCookie(true);
		cookie.setSameSite("Lax");
		return cookie;
	}

	/**
	 * Security decision: staff have a cookie of their own with the same attributes, picked by path
	 * ({@link PathSessionIdResolver}); the customer cookie above is unchanged.
	 */
	@Bean
	HttpSessionIdResolver sessionIdResolver(CookieSerializer sessionCookie, IdentityProperties properties) {
		DefaultCookieSerializer staffCookie = new DefaultCookieSerializer();
		staffCookie.setCookieName(properties.session().staffCookie());
		staffCookie.setCookiePath("/");
		staffCookie.setUseSecureCookie(true);
		staffCookie.setUseHttpOnlyCookie(true);
		staffCookie.setSameSite("Lax");
		return new PathSessionIdResolver(sessionCookie, staffCookie);
	}

	/**
	 * Spring Session's statements join the caller's transaction when there is one (and run in one of their
	 * own otherwise), so that a sign-in commits its session with its record
	 * ({@link TransactionalSessionRepository}). Only Spring Session is given this; everything else keeps
	 * the default transaction template.
	 */
	@Bean(defaultCandidate = false)
	@Qualifier("springSessionTransactionOperations")
	TransactionOperations springSessionTransactionOperations(PlatformTransactionManager transactionManager) {
		TransactionTemplate template = new TransactionTemplate(transactionManager);
		template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
		return template;
	}

	/** The repository every session goes through: the request filter's and everyone else's. */
	@Bean
	@Primary
	TransactionalSessionRepository transactionalSessionRepository(JdbcIndexedSessionRepository sessionRepository) {
		return new TransactionalSessionRepository(sessionRepository);
	}

	@Bean
	SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionTimeout(IdentityProperties properties) {
		return (repository) -> repository.setDefaultMaxInactiveInterval(properties.session().customerIdleTimeout());
	}

}
