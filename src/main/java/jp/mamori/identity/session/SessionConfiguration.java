package jp.mamori.identity.session;

import javax.sql.DataSource;

import jp.mamori.identity.credentials.IdentityProperties;
import jp.mamori.identity.credentials.SessionIds;
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
import java.time.Clock;
import jp.mamori.identity.account.CustomerEmails;
import jp.mamori.mail.Mailer;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.platform.web.ClientAddressResolver;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import jp.mamori.platform.VirtualThreads;

/**
 * HTTP sessions in PostgreSQL (Spring Session JDBC), so that every node knows every session and a
 * session can be listed and ended from anywhere. Tables come from the identity migrations.
 *
 * <p>The repository is set up here rather than by {@code @EnableJdbcHttpSession}, so that its statements
 * are {@link SessionStatements}: a sign-in's new session goes to the database with the sign-in's other
 * rows and its commit, in one round trip. Everything else is as Spring Session sets it up.
 *
 * <p>Also wires what lives beside a session: the sign-in history and the notices it queues, the session
 * list, session lifetimes, and the customer's sessions as the sign-in steps see them.
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
	SessionStatements sessionStatements(DataSource dataSource, DeferredWrites writes, SessionIds ids) {
		return new SessionStatements(dataSource, writes, ids);
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

	/** Right after Spring Session has wrapped the request, long before Spring Security reads the session. */
	static final int LIFETIME_FILTER_ORDER = SessionRepositoryFilter.DEFAULT_ORDER + 10;

	/** Older entries are trimmed on virtual threads of the history's own, after the sign-in has answered. */
	@Bean
	JdbcSignInHistory signInHistory(JdbcClient jdbc, DeferredWrites writes, PlatformTransactionManager transactions,
			Clock clock, SignInNoticeOutbox notices) {
		return new JdbcSignInHistory(jdbc, writes, transactions, clock, notices,
				VirtualThreads.executor("sign-in-history-"));
	}

	/**
	 * Security decision: notices go out on virtual threads of their own (not a shared executor bean), so
	 * a slow mail server delays no sign-in.
	 */
	@Bean
	SignInNoticeOutbox signInNoticeOutbox(JdbcClient jdbc, PlatformTransactionManager transactions,
			SignInNotices notices, IdentityProperties properties, Clock clock) {
		return new SignInNoticeOutbox(jdbc, transactions, notices, VirtualThreads.executor("sign-in-notice-"),
				properties.notices().delivery(), clock);
	}

	/** Mails notices put off after a refused delivery, and any that a stopped node left due. */
	@Bean
	NoticeRetries signInNoticeRetries(SignInNoticeOutbox outbox) {
		return new NoticeRetries(outbox);
	}

	static final class NoticeRetries {

		private final SignInNoticeOutbox outbox;

		NoticeRetries(SignInNoticeOutbox outbox) {
			this.outbox = outbox;
		}

		@Scheduled(fixedDelayString = "${mamori.identity.notices.retry-interval:1m}",
				initialDelayString = "${mamori.identity.notices.retry-interval:1m}")
		void sendDue() {
			this.outbox.wake();
		}

	}

	@Bean
	SessionLifetime sessionLifetime(IdentityProperties properties, Clock clock) {
		return new SessionLifetime(properties.session().customerAbsoluteTimeout(),
				properties.session().customerIdleTimeout(), clock);
	}

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	FilterRegistrationBean<SessionLifetimeFilter> sessionLifetimeFilter(SessionLifetime lifetime, SecurityEvents events,
			ClientAddressResolver addresses) {
		FilterRegistrationBean<SessionLifetimeFilter> registration = new FilterRegistrationBean<>(
				new SessionLifetimeFilter(lifetime, events, addresses));
		registration.setOrder(LIFETIME_FILTER_ORDER);
		return registration;
	}

	@Bean
	ActiveSessions activeSessions(FindByIndexNameSessionRepository<? extends Session> sessions,
			SessionLifetime lifetime, SecurityEvents events, SessionIds ids) {
		return new ActiveSessions(sessions, lifetime, events, ids);
	}

	/** A new virtual thread per task; when Mamori stops, tasks under way get ten seconds to finish. */
	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	CustomerSessions customerSessions(SecurityContextRepository customerSecurityContexts,
			CsrfTokenRepository customerCsrfTokens, IdentityProperties properties, Clock clock,
			TransactionalSessionRepository sessionStore) {
		return new CustomerSessions(customerSecurityContexts, customerCsrfTokens,
				Math.toIntExact(properties.session().customerIdleTimeout().toSeconds()), clock, sessionStore);
	}

	@Bean
	SignInNotices signInNotices(CustomerEmails emails, Mailer mailer, MessageSource messages, Clock clock) {
		return new SignInNotices(emails, mailer, messages, clock);
	}

}
