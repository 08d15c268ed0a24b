package jp.mamori.mail.internal;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;

import jp.mamori.mail.Mailer;
import jp.mamori.platform.SecurityEvents;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Which mailer exists, at the configuration level: a whole {@code prod} context cannot start here,
 * since production also refuses the embedded database.
 */
class MailConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
		.withUserConfiguration(MailConfiguration.class)
		.withBean(Clock.class, Clock::systemUTC)
		.withBean(SecurityEvents.class, () -> mock(SecurityEvents.class));

	@Test
	void theEmbeddedDefaultIsTheDevMailbox() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(DevMailbox.class);
			assertThat(context.getBean(Mailer.class)).isInstanceOf(DevMailboxMailer.class);
		});
	}

	@Test
	void theProductionProfileRefusesToStartWithTheDevMailbox() {
		this.runner.withPropertyValues("spring.profiles.active=prod", "mamori.mail.dev-mailbox=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Refusing to start in the 'prod' profile")
				.hasMessageContaining("dev mailbox")
				.hasMessageContaining("MAMORI_MAIL_DEV_MAILBOX=false"));
	}

	@Test
	void theProductionProfileTurnsTheDevMailboxOff() throws Exception {
		List<PropertySource<?>> prod = new YamlPropertySourceLoader().load("prod",
				new ClassPathResource("application-prod.yml"));

		assertThat(prod).anySatisfy((source) -> assertThat(source.getProperty("mamori.mail.dev-mailbox"))
			.hasToString("false"));
	}

	@Test
	void withTheMailboxOffMailGoesOverSmtpAndNoMailboxExists() {
		this.runner.withPropertyValues("mamori.mail.dev-mailbox=false", "spring.mail.host=127.0.0.1")
			.run((context) -> {
				assertThat(context.getBean(Mailer.class)).isInstanceOf(SmtpMailer.class);
				assertThat(context).doesNotHaveBean(DevMailbox.class);
			});
	}

	@Test
	void withTheMailboxOffButNoSmtpServerTheStartFailsWithAClearMessage() {
		this.runner.withPropertyValues("mamori.mail.dev-mailbox=false")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("no SMTP server is configured")
				.hasMessageContaining("SPRING_MAIL_HOST"));
	}

	@Test
	void theProductionProfileRefusesThePlaceholderSender() {
		this.runner
			.withPropertyValues("spring.profiles.active=prod", "mamori.mail.dev-mailbox=false",
					"spring.mail.host=127.0.0.1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("MAMORI_MAIL_FROM"));
		this.runner
			.withPropertyValues("spring.profiles.active=prod", "mamori.mail.dev-mailbox=false",
					"spring.mail.host=127.0.0.1", "mamori.mail.from=shop@example.jp")
			.run((context) -> assertThat(context.getBean(Mailer.class)).isInstanceOf(SmtpMailer.class));
	}

}
