package jp.mamori.identity.session;

import javax.sql.DataSource;

import jp.mamori.identity.credentials.IdentityProperties;
import jp.mamori.platform.db.DeferredWrites;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.convert.support.GenericConversionService;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.session.config.annotation.web.http.EnableSpringHttpSession;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.HttpSessionIdResolver;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * HTTP sessions in PostgreSQL (Spring Session JDBC), so that every node knows every session and a
 * session can be listed and ended from anywhere. Tables come from the identity migrations.
 *
 * <p>The repository is set up here rather than by {@code @EnableJdbcHttpSession}, so that its statements
 * are {@link SessionStatements}: a sign-in's new session goes to the database with the sign-in's other
 * rows and its commit, in one round trip. Everything else is as Spring Session sets it up.
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringHttpSession
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

	@Bean
	SessionStatements sessionStatements(DataSource dataSource, DeferredWrites writes) {
		return new SessionStatements(dataSource, writes);
	}

	/**
	 * Spring Session JDBC's repository, with its defaults (table, clean-up of expired sessions every
	 * minute, Java serialisation of attributes with this application's class loader) and the customers'
	 * idle timeout as the default one.
	 *
	 * <p>Its statements join the caller's transaction when there is one (and run in one of their own
	 * otherwise: the template's default propagation), so that a sign-in commits its session with its
	 * record ({@link TransactionalSessionRepository}).
	 */
	@Bean
	JdbcIndexedSessionRepository jdbcSessionRepository(SessionStatements statements,
			PlatformTransactionManager transactionManager, IdentityProperties properties) {
		JdbcIndexedSessionRepository repository = new JdbcIndexedSessionRepository(statements,
				new TransactionTemplate(transactionManager));
		repository.setCreateSessionQuery(SessionStatements.CREATE_SESSION);
		repository.setCreateSessionAttributeQuery(SessionStatements.CREATE_ATTRIBUTE);
		repository.setDefaultMaxInactiveInterval(properties.session().customerIdleTimeout());
		GenericConversionService conversion = new GenericConversionService();
		conversion.addConverter(Object.class, byte[].class, new SerializingConverter());
		conversion.addConverter(byte[].class, Object.class, new DeserializingConverter(getClass().getClassLoader()));
		repository.setConversionService(conversion);
		return repository;
	}

	/** The repository every session goes through: the request filter's and everyone else's. */
	@Bean
	@Primary
	TransactionalSessionRepository transactionalSessionRepository(JdbcIndexedSessionRepository sessionRepository,
			SessionStatements statements) {
		return new TransactionalSessionRepository(sessionRepository, statements);
	}

}
