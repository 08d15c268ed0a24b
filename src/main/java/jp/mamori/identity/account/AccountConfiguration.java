package jp.mamori.identity.account;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import jp.mamori.audit.OperationLog;
import jp.mamori.identity.CustomerSupport;
import jp.mamori.identity.credentials.AccountLockout;
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

/** Account operations: password reset and change, e-mail change, closing, forced reset. */
@Configuration(proxyBeanMethods = false)
class AccountConfiguration {

	@Bean
	AccountSessions accountSessions(FindByIndexNameSessionRepository<?> sessionRepository) {
		return new AccountSessions(sessionRepository);
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
			Clock clock, @Value("${mamori.identity.public-base-url:https://localhost:8443}") String baseUrl) {
		return new PasswordResets(emails, accounts, new PasswordResetTokens(jdbc), policy, hasher, lockout, throttle,
				sessions, mails, events, new TransactionTemplate(transactions), clock, baseUrl);
	}

	@Bean
	PasswordChanges passwordChanges(CustomerAccountRepository accounts, PasswordResets resets, PasswordPolicy policy,
			PasswordHasher hasher, AccountLockout lockout, CustomerEmails emails, AccountMails mails,
			SecurityEvents events, Clock clock) {
		return new PasswordChanges(accounts, resets, policy, hasher, lockout, emails, mails, events, clock);
	}

	@Bean
	EmailChanges emailChanges(JdbcClient jdbc, Vault vault, BlindIndex index, CustomerEmails emails,
			AccountMails mails, SecurityEvents events, PlatformTransactionManager transactions, Clock clock) {
		return new EmailChanges(jdbc, vault, index, emails, mails, events, new TransactionTemplate(transactions),
				clock);
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

}
