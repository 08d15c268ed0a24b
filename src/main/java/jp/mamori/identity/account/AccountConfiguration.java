package jp.mamori.identity.account;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import jp.mamori.audit.OperationLog;
import jp.mamori.identity.CustomerSupport;
import jp.mamori.identity.credentials.AccountLockout;
import jp.mamori.identity.credentials.OneTimeCodes;
import jp.mamori.identity.credentials.SecretDigests;
import jp.mamori.identity.credentials.SessionIds;
import jp.mamori.identity.credentials.IdentityProperties;
import jp.mamori.identity.credentials.PasswordHasher;
import jp.mamori.identity.credentials.PasswordPolicy;
import jp.mamori.identity.credentials.SourceThrottle;
import jp.mamori.mail.Mailer;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.vault.BlindIndex;
import jp.mamori.vault.Vault;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import jp.mamori.identity.CustomerAccounts;
import jp.mamori.platform.VirtualThreads;

/**
 * Wires customers' accounts: the repository, registration (and the purge of registrations never
 * confirmed), profiles and e-mail addresses, password reset and change, e-mail change, closing, forced
 * resets, unlock links and lockout mails, and the staff console's {@code CustomerSupport}.
 */
@Configuration(proxyBeanMethods = false)
class AccountConfiguration {

	@Bean
	AccountSessions accountSessions(FindByIndexNameSessionRepository<?> sessionRepository, SessionIds ids) {
		return new AccountSessions(sessionRepository, ids);
	}

	/** Every mailed link and code of an account, revoked when its password or e-mail address changes. */
	@Bean
	OutstandingTokens outstandingTokens(JdbcClient jdbc, ApplicationEventPublisher publisher) {
		return new OutstandingTokens(jdbc, publisher);
	}

	@Bean
	AccountMails accountMails(Mailer mailer, MessageSource messages, Clock clock) {
		return new AccountMails(mailer, messages, clock);
	}

	/**
	 * @param baseUrl where customers reach Mamori, for the links in mails ({@code mamori.identity.public-base-url})
	 */
	@Bean
	PasswordResets passwordResets(CustomerEmails emails, CustomerAccountRepository accounts, JdbcClient jdbc,
			PasswordPolicy policy, PasswordHasher hasher, AccountLockout lockout, SourceThrottle throttle,
			AccountSessions sessions, AccountMails mails, SecurityEvents events, PlatformTransactionManager transactions,
			Clock clock, SecretDigests digests,
			@Value("${mamori.identity.public-base-url:https://localhost:8443}") String baseUrl,
			OutstandingTokens outstanding) {
		return new PasswordResets(emails, accounts, new PasswordResetTokens(jdbc, clock, digests), policy, hasher,
				lockout, throttle, sessions, mails, events, new TransactionTemplate(transactions), clock, baseUrl,
				outstanding);
	}

	@Bean
	PasswordChanges passwordChanges(CustomerAccountRepository accounts, PasswordResets resets, PasswordPolicy policy,
			PasswordHasher hasher, AccountLockout lockout, CustomerEmails emails, AccountMails mails,
			SecurityEvents events, Clock clock, OutstandingTokens outstanding, PlatformTransactionManager transactions) {
		return new PasswordChanges(accounts, resets, policy, hasher, lockout, emails, mails, events, clock, outstanding,
				new TransactionTemplate(transactions));
	}

	@Bean
	EmailChanges emailChanges(JdbcClient jdbc, Vault vault, BlindIndex index, CustomerEmails emails,
			AccountMails mails, SecurityEvents events, PlatformTransactionManager transactions, Clock clock,
			OneTimeCodes codes, OutstandingTokens outstanding) {
		return new EmailChanges(jdbc, vault, index, emails, mails, events, new TransactionTemplate(transactions),
				clock, codes, outstanding);
	}

	@Bean
	AccountClosing accountClosing(CustomerAccountRepository accounts, PasswordChanges passwords,
			CustomerEmails emails, AccountMails mails, AccountSessions sessions, Vault vault, JdbcClient jdbc,
			SecurityEvents events, ApplicationEventPublisher publisher, PlatformTransactionManager transactions) {
		return new AccountClosing(accounts, passwords, emails, mails, sessions, vault, jdbc, events, publisher,
				new TransactionTemplate(transactions));
	}

	@Bean
	ForcedPasswordResets forcedPasswordResets(JdbcClient jdbc, OperationLog log, SecurityEvents events,
			AccountSessions sessions, PlatformTransactionManager transactions, Clock clock) {
		return new ForcedPasswordResets(jdbc, log, events, sessions, new TransactionTemplate(transactions), clock);
	}

	/** What the staff console may do with customers' accounts, masked and in the operation log. */
	@Bean
	CustomerSupport customerSupport(JdbcClient jdbc, Vault vault, TransactionOperations transactions, Clock clock,
			ForcedPasswordResets resets) {
		return new StaffCustomers(jdbc, vault, transactions, clock, resets);
	}

	@Bean
	ForcedPasswordResetEndpoint forcedPasswordResetEndpoint(ForcedPasswordResets resets) {
		return new ForcedPasswordResetEndpoint(resets);
	}

	@Bean
	@ConditionalOnProperty(name = "mamori.command", havingValue = ForcedPasswordResetCommand.COMMAND)
	ForcedPasswordResetCommand forcedPasswordResetCommand(ForcedPasswordResets resets,
			ObjectProvider<JsonMapper> json, ConfigurableApplicationContext context) {
		return new ForcedPasswordResetCommand(resets, json.getIfAvailable(JsonMapper::shared), context, System.out);
	}

	@Bean
	CustomerAccountRepository customerAccountRepository(JdbcClient jdbc) {
		return new CustomerAccountRepository(jdbc);
	}

	@Bean
	CustomerAccounts customerAccounts(CustomerAccountRepository repository, PasswordPolicy policy,
			PasswordHasher hasher, Clock clock) {
		return new CustomerAccountService(repository, policy, hasher, clock);
	}

	@Bean
	UnlockTokens unlockTokens(JdbcClient jdbc, Clock clock, SecretDigests digests) {
		return new UnlockTokens(jdbc, clock, digests);
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
				VirtualThreads.executor("lockout-mail-"), clock);
	}

	@Bean
	CustomerProfiles customerProfiles(JdbcClient jdbc, Vault vault, BlindIndex index,
			PlatformTransactionManager transactions) {
		return new CustomerProfiles(jdbc, vault, index, new TransactionTemplate(transactions));
	}

	@Bean
	CustomerEmails customerEmails(CustomerAccountRepository accounts, BlindIndex index, Vault vault, JdbcClient jdbc) {
		return new CustomerEmails(accounts, index, vault, jdbc);
	}

	@Bean
	Registrations registrations(JdbcClient jdbc, PasswordPolicy policy, PasswordHasher hasher, Vault vault,
			BlindIndex index, Mailer mailer, MessageSource messages, SecurityEvents events,
			PlatformTransactionManager transactions, Clock clock, SecretDigests digests) {
		return new Registrations(new RegistrationRepository(jdbc), new MailedTokens(jdbc, clock, digests), policy, hasher,
				vault, index, new RegistrationMails(mailer, messages), events, new TransactionTemplate(transactions),
				clock);
	}

	@Bean
	RegistrationPurge registrationPurge(Registrations registrations) {
		return new RegistrationPurge(registrations);
	}

	/** Every node purges; each expired registration is deleted (and its keys destroyed) by exactly one. */
	static final class RegistrationPurge {

		private final Registrations registrations;

		RegistrationPurge(Registrations registrations) {
			this.registrations = registrations;
		}

		@Scheduled(fixedDelayString = "${mamori.identity.registration-purge-interval:10m}", initialDelayString = "1m")
		void purge() {
			while (this.registrations.purgeExpired() > 0) {
				// Until nothing expired is left.
			}
		}

	}

}
