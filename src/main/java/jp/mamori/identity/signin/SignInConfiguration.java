package jp.mamori.identity.signin;

import java.time.Clock;

import jp.mamori.identity.account.CustomerAccountRepository;
import jp.mamori.identity.account.CustomerEmails;
import jp.mamori.identity.credentials.AccountLockout;
import jp.mamori.identity.credentials.SourceThrottle;
import jp.mamori.identity.factors.SecondFactor;
import jp.mamori.identity.session.SignInHistory;
import jp.mamori.identity.session.SignInNotices;
import jp.mamori.mail.Mailer;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.vault.BlindIndex;
import jp.mamori.vault.Vault;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Passwordless sign-in by e-mail code, and the notice mailed after every sign-in. */
@Configuration(proxyBeanMethods = false)
class EmailCodeConfiguration {

	@Bean
	CustomerEmails customerEmails(CustomerAccountRepository accounts, BlindIndex index, Vault vault, JdbcClient jdbc) {
		return new CustomerEmails(accounts, index, vault, jdbc);
	}

	@Bean
	EmailCodeSignIn emailCodeSignIn(CustomerEmails emails, JdbcClient jdbc, Mailer mailer, MessageSource messages,
			AccountLockout lockout, SourceThrottle throttle, SecurityEvents events,
			PlatformTransactionManager transactions, Clock clock, SecondFactor secondFactor, SignInHistory history) {
		return new EmailCodeSignIn(emails, new EmailCodeStore(jdbc), new EmailCodeMails(mailer, messages), lockout,
				throttle, events, new TransactionTemplate(transactions), clock, secondFactor, history);
	}

	@Bean
	SignInNotices signInNotices(CustomerEmails emails, Mailer mailer, MessageSource messages, Clock clock) {
		return new SignInNotices(emails, mailer, messages, clock);
	}

}
