package jp.mamori.identity.account;

import java.time.Clock;

import jp.mamori.identity.credentials.PasswordHasher;
import jp.mamori.identity.credentials.PasswordPolicy;
import jp.mamori.mail.Mailer;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.vault.BlindIndex;
import jp.mamori.vault.Vault;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Registration's parts, and the purge of registrations that were never confirmed. */
@Configuration(proxyBeanMethods = false)
class RegistrationConfiguration {

	@Bean
	Registrations registrations(JdbcClient jdbc, PasswordPolicy policy, PasswordHasher hasher, Vault vault,
			BlindIndex index, Mailer mailer, MessageSource messages, SecurityEvents events,
			PlatformTransactionManager transactions, Clock clock) {
		return new Registrations(new RegistrationRepository(jdbc), policy, hasher, vault, index,
				new RegistrationMails(mailer, messages), events, new TransactionTemplate(transactions), clock);
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
