package jp.mamori.identity.session;

import java.time.Clock;

import jp.mamori.identity.account.CustomerEmails;
import jp.mamori.identity.account.LockoutMails;
import jp.mamori.identity.account.UnlockLinks;
import jp.mamori.identity.account.UnlockTokens;
import jp.mamori.identity.credentials.AccountLockout;
import jp.mamori.identity.credentials.IdentityProperties;
import jp.mamori.identity.credentials.SourceThrottle;
import jp.mamori.mail.Mailer;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.platform.db.DeferredWrites;
import jp.mamori.platform.web.ClientAddressResolver;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Sign-in history and the sign-in notices it queues, the session list, session lifetimes, and lockout
 * mails with unlock links.
 */
@Configuration(proxyBeanMethods = false)
class SessionsConfiguration {

	/** Right after Spring Session has wrapped the request, long before Spring Security reads the session. */
	static final int LIFETIME_FILTER_ORDER = SessionRepositoryFilter.DEFAULT_ORDER + 10;

	/** Older entries are trimmed on virtual threads of the history's own, after the sign-in has answered. */
	@Bean
	JdbcSignInHistory signInHistory(JdbcClient jdbc, DeferredWrites writes, PlatformTransactionManager transactions,
			Clock clock, SignInNoticeOutbox notices) {
		return new JdbcSignInHistory(jdbc, writes, transactions, clock, notices, virtualThreads("sign-in-history-"));
	}

	/**
	 * Security decision: notices go out on virtual threads of their own (not a shared executor bean), so
	 * a slow mail server delays no sign-in.
	 */
	@Bean
	SignInNoticeOutbox signInNoticeOutbox(JdbcClient jdbc, PlatformTransactionManager transactions,
			SignInNotices notices, IdentityProperties properties, Clock clock) {
		return new SignInNoticeOutbox(jdbc, transactions, notices, virtualThreads("sign-in-notice-"),
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
			SessionLifetime lifetime, SecurityEvents events) {
		return new ActiveSessions(sessions, lifetime, events);
	}

	@Bean
	UnlockTokens unlockTokens(JdbcClient jdbc, Clock clock) {
		return new UnlockTokens(jdbc, clock);
	}

	@Bean
	UnlockLinks unlockLinks(UnlockTokens tokens, AccountLockout lockout, SourceThrottle throttle,
			SecurityEvents events, TransactionOperations transactions) {
		return new UnlockLinks(tokens, lockout, throttle, events, transactions);
	}

	/**
	 * Security decision: lockout mails go out on their own virtual threads (not a shared executor bean),
	 * so the request that starts a lockout never waits for the mail server.
	 */
	@Bean
	LockoutMails lockoutMails(UnlockTokens tokens, CustomerEmails emails, Mailer mailer, MessageSource messages,
			IdentityProperties properties, Clock clock) {
		return new LockoutMails(tokens, emails, mailer, messages, properties.publicBaseUrl(),
				virtualThreads("lockout-mail-"), clock);
	}

	/** A new virtual thread per task; when Mamori stops, tasks under way get ten seconds to finish. */
	private static SimpleAsyncTaskExecutor virtualThreads(String prefix) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(prefix);
		executor.setVirtualThreads(true);
		executor.setTaskTerminationTimeout(10_000);
		return executor;
	}

}
