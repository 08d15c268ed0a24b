package jp.mamori.mail.internal;

import java.net.ServerSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import jp.mamori.mail.MailDeliveryException;
import jp.mamori.mail.OutgoingMail;
import jp.mamori.platform.SecurityEvent;
import jp.mamori.platform.SecurityEvents;

import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SmtpMailerTests {

	@Test
	void anUnreachableServerRaisesAMailDeliveryExceptionThatNamesNoAddress() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(closedPort);
		Properties timeouts = new Properties();
		timeouts.put("mail.smtp.connectiontimeout", "2000");
		sender.setJavaMailProperties(timeouts);
		List<SecurityEvent> events = new ArrayList<>();
		SecurityEvents publisher = (name, attributes) -> {
			SecurityEvent event = new SecurityEvent(java.util.UUID.randomUUID(), name, java.time.Instant.now(),
					attributes);
			events.add(event);
			return event;
		};
		SmtpMailer mailer = new SmtpMailer(sender, new MailProperties("shop@example.jp", "守りショップ", false, 1),
				Clock.systemUTC(), publisher);

		assertThatExceptionOfType(MailDeliveryException.class)
			.isThrownBy(() -> mailer.send(new OutgoingMail("taro@example.jp", "件名", "本文")))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains(ex.mailId())
				.contains("did not accept")
				.doesNotContain("taro"))
			.satisfies((ex) -> assertThat(ex.getCause()).isNull())
			.satisfies((ex) -> assertThat(events).singleElement()
				.satisfies((event) -> assertThat(event.name()).isEqualTo("mail.delivery.failed"))
				.satisfies((event) -> assertThat(event.attributes()).containsEntry("mail_id", ex.mailId())));
	}

	@Test
	void aLegacyDottedLocalPartIsWrittenAsAQuotedStringThatJavaMailAccepts() throws Exception {
		assertThat(SmtpMailer.recipient("taro.yamada@example.jp").getAddress()).isEqualTo("taro.yamada@example.jp");
		assertThat(SmtpMailer.recipient("taro..yamada.@docomo.ne.jp").getAddress())
			.isEqualTo("\"taro..yamada.\"@docomo.ne.jp");
		assertThat(SmtpMailer.recipient(".taro@ezweb.ne.jp").getAddress()).isEqualTo("\".taro\"@ezweb.ne.jp");
		jakarta.mail.internet.InternetAddress.parse(SmtpMailer.recipient("taro..yamada.@docomo.ne.jp").toString(),
				true);
	}

}
