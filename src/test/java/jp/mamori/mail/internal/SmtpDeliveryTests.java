package jp.mamori.mail.internal;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import jp.mamori.mail.Mailer;
import jp.mamori.mail.OutgoingMail;
import jp.mamori.testing.MamoriTest;
import jp.mamori.testing.MutableClock;
import jp.mamori.testing.TestHttp;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The real SMTP path: Spring Boot's mail configuration, JavaMail and an SMTP server (GreenMail). */
@MamoriTest
@TestPropertySource(properties = { "mamori.mail.dev-mailbox=false", "mamori.mail.from=shop@example.jp",
		"mamori.mail.from-name=守りショップ",
		// GreenMail, the test's SMTP server, logs the addresses it creates mailboxes for; Mamori must not.
		"logging.level.com.icegreen=warn" })
@ExtendWith(OutputCaptureExtension.class)
class SmtpDeliveryTests {

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
		.withPerMethodLifecycle(false);

	@DynamicPropertySource
	static void smtpServer(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> smtp.getSmtp().getBindTo());
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
	}

	static final String SUBJECT = "ご注文ありがとうございます";

	static final String BODY = """
			山田 太郎 様

			このたびは「守りショップ」をご利用いただき、誠にありがとうございます。
			ご注文番号：ＡＢ－２０２６０４０１－００１２３
			お支払い金額：１２，８００円（税込）
			髙橋さんと﨑山さんにもよろしくお伝えください 🎉🍣
			""";

	@Autowired
	Mailer mailer;

	@Autowired
	MutableClock clock;

	@LocalServerPort
	int port;

	@Value("${mamori.home}")
	Path home;

	@BeforeEach
	void emptyTheServer() throws Exception {
		smtp.purgeEmailFromAllMailboxes();
	}

	@Test
	void aJapaneseMailArrivesIntactThroughTheRealSmtpPath() throws Exception {
		this.clock.set(Instant.parse("2026-04-01T01:02:03.456Z"));

		String mailId = this.mailer.send(new OutgoingMail("taro.yamada@example.jp", SUBJECT, BODY));

		assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
		MimeMessage received = smtp.getReceivedMessages()[0];
		assertThat(received.getSubject()).isEqualTo(SUBJECT);
		assertThat(received.getHeader("Subject")[0]).startsWith("=?UTF-8?");
		assertThat(received.getContentType()).containsIgnoringCase("charset=UTF-8");
		assertThat(lf((String) received.getContent())).isEqualTo(BODY);
		InternetAddress from = (InternetAddress) received.getFrom()[0];
		assertThat(from.getAddress()).isEqualTo("shop@example.jp");
		assertThat(from.getPersonal()).isEqualTo("守りショップ");
		assertThat(received.getAllRecipients()).extracting((address) -> ((InternetAddress) address).getAddress())
			.containsExactly("taro.yamada@example.jp");
		assertThat(received.getSentDate().toInstant()).isEqualTo(Instant.parse("2026-04-01T01:02:03Z"));
		assertThat(received.getHeader("Date")[0]).endsWith("+0900");
		assertThat(received.getMessageID()).isEqualTo("<" + mailId + "@example.jp>");
	}

	@Test
	void anHtmlAlternativeArrivesBesideTheTextBody() throws Exception {
		this.mailer.send(new OutgoingMail("hanako@example.jp", SUBJECT, BODY, "<p>ご注文ありがとうございます 🎉</p>"));

		assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
		String raw = com.icegreen.greenmail.util.GreenMailUtil.getWholeMessage(smtp.getReceivedMessages()[0]);
		assertThat(raw).contains("multipart/alternative");
		MimeMessage received = smtp.getReceivedMessages()[0];
		assertThat(received.getContent()).isInstanceOf(MimeMultipart.class);
		assertThat(received.getSubject()).isEqualTo(SUBJECT);
	}

	@Test
	void aLegacyJapaneseMobileAddressIsDeliveredAsWritten() throws Exception {
		this.mailer.send(new OutgoingMail("taro..yamada.@docomo.ne.jp", SUBJECT, BODY));

		assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
		assertThat(smtp.getReceivedMessagesForDomain("docomo.ne.jp")).hasSize(1);
	}

	@Test
	void sendingLogsTheMailIdButNeitherAddressNorSubjectNorBody(CapturedOutput output) throws Exception {
		String mailId = this.mailer.send(new OutgoingMail("secret.canary@example.jp", "カナリア件名", "カナリア本文 493817"));

		assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
		assertThat(output.getAll()).contains(mailId)
			.doesNotContain("secret.canary")
			.doesNotContain("カナリア")
			.doesNotContain("493817");
	}

	@Test
	void withTheDevMailboxOffItsPagesDoNotExist() {
		TestHttp http = new TestHttp(this.home, this.port);

		HttpResponse<String> page = http.get("/dev/mailbox", "Accept", "text/html");
		HttpResponse<String> json = http.get("/dev/mailbox/messages", "Accept", "application/json");

		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(json.statusCode()).isEqualTo(404);
	}

	private static String lf(String text) {
		return text.replace("\r\n", "\n");
	}

}
