package jp.mamori.mail.internal;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.mamori.mail.Mailer;
import jp.mamori.platform.DevelopmentDefaults;
import jp.mamori.platform.SecurityEvents;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The one {@link Mailer}: the dev mailbox while {@code mamori.mail.dev-mailbox} is true (the embedded
 * default), SMTP otherwise.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class MailConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(MailConfiguration.class);

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDevMailbox
	static class DevMailboxConfiguration {

		/**
		 * Security decision: the dev mailbox shows every mail, with its codes and addresses, to anyone on
		 * this machine, and never delivers anything; a production node must not start with it.
		 */
		@Bean
		DevMailbox devMailbox(MailProperties properties, Environment environment) {
			DevelopmentDefaults.refuseInProduction(environment, "the dev mailbox (mamori.mail.dev-mailbox=true)",
					"MAMORI_MAIL_DEV_MAILBOX=false and an SMTP server in SPRING_MAIL_HOST");
			logger.warn("Outgoing mail is kept in the dev mailbox at /dev/mailbox (this machine only) and is not "
					+ "sent; production sets mamori.mail.dev-mailbox=false and spring.mail.host");
			return new DevMailbox(properties.mailboxCapacity());
		}

		@Bean
		Mailer devMailboxMailer(DevMailbox mailbox, MailProperties properties, Clock clock) {
			return new DevMailboxMailer(mailbox, properties, clock);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = ConditionalOnDevMailbox.PROPERTY, havingValue = false)
	static class SmtpConfiguration {

		@Bean
		Mailer smtpMailer(ObjectProvider<JavaMailSender> sender, MailProperties properties, Clock clock,
				SecurityEvents events, Environment environment) {
			JavaMailSender javaMailSender = sender.getIfAvailable();
			if (javaMailSender == null) {
				// Fail at start, not at the first sign-in notice.
				throw new IllegalStateException("mamori.mail.dev-mailbox is false but no SMTP server is configured: "
						+ "set SPRING_MAIL_HOST (and SPRING_MAIL_PORT, _USERNAME, _PASSWORD); see docs/mail.md");
			}
			if (MailProperties.DEVELOPMENT_FROM.equals(properties.from())) {
				DevelopmentDefaults.refuseInProduction(environment,
						"the placeholder sender " + MailProperties.DEVELOPMENT_FROM, "MAMORI_MAIL_FROM");
			}
			return new SmtpMailer(javaMailSender, properties, clock, events);
		}

	}

}
