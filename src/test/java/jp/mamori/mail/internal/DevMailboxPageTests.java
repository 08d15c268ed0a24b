package jp.mamori.mail.internal;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import jp.mamori.mail.Mailer;
import jp.mamori.mail.OutgoingMail;
import jp.mamori.testing.MamoriTest;
import jp.mamori.testing.MutableClock;
import jp.mamori.testing.TestHttp;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The dev mailbox of the embedded default, over real HTTPS. */
@MamoriTest
class DevMailboxPageTests {

	@Autowired
	Mailer mailer;

	@Autowired
	MutableClock clock;

	@Autowired
	JsonMapper json;

	@Autowired
	TestHttp http;

	@Test
	void theEmbeddedDefaultKeepsMailInTheDevMailbox() {
		assertThat(this.mailer).isInstanceOf(DevMailboxMailer.class);
	}

	@Test
	void theListShowsTheMailInJapanTimeWithItsSubjectEscaped() {
		this.clock.set(Instant.parse("2026-04-01T15:30:00Z"));
		String id = this.mailer.send(new OutgoingMail("list.page@example.jp", "<script>alert(1)</script> ご注文", "本文"));

		HttpResponse<String> response = this.http.get("/dev/mailbox", "Accept", "text/html", "Accept-Language", "ja");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("開発用メールボックス")
			.contains("2026-04-02 00:30:00")
			.contains("list.page@example.jp")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt; ご注文")
			.doesNotContain("<script>")
			.contains("/dev/mailbox/" + id);
		assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(csp) -> assertThat(csp).contains("script-src 'self'"));
		assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
	}

	@Test
	void theMessagePageShowsHeadersAndTextAndTheHtmlBodyOnlyAsEscapedSource() {
		String id = this.mailer.send(new OutgoingMail("message.page@example.jp", "<script>alert(2)</script>",
				"確認コード：１２３４５６\n有効期限は10分です。", "<p onclick=\"x()\">コード <b>123456</b></p><script>steal()</script>"));

		HttpResponse<String> response = this.http.get("/dev/mailbox/" + id, "Accept", "text/html",
				"Accept-Language", "en");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("message.page@example.jp")
			.contains("no-reply@mamori.invalid")
			.contains("&lt;" + id + "@mamori.invalid&gt;")
			.contains("確認コード：１２３４５６\n有効期限は10分です。")
			.contains("HTML body (source, not rendered)")
			.contains("&lt;p onclick=&quot;x()&quot;&gt;コード &lt;b&gt;123456&lt;/b&gt;&lt;/p&gt;&lt;script&gt;steal()")
			.doesNotContain("<script>")
			.doesNotContain("<b>123456");
	}

	@Test
	void theJsonViewListsMailsNewestFirstAndFiltersByRecipient() {
		String older = this.mailer.send(new OutgoingMail("json.view@example.jp", "ログインコード", "コード: 111111"));
		String newer = this.mailer.send(new OutgoingMail("json.view@example.jp", "ログインコード", "コード: 222222"));
		this.mailer.send(new OutgoingMail("someone.else@example.jp", "別の方へ", "本文"));

		HttpResponse<String> response = this.http.get(
				"/dev/mailbox/messages?to=" + URLEncoder.encode("json.view@example.jp", StandardCharsets.UTF_8),
				"Accept", "application/json");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		JsonNode mails = this.json.readTree(response.body());
		assertThat(mails).hasSize(2);
		assertThat(mails.get(0).get("id").asString()).isEqualTo(newer);
		assertThat(mails.get(0).get("text").asString()).isEqualTo("コード: 222222");
		assertThat(mails.get(0).get("subject").asString()).isEqualTo("ログインコード");
		assertThat(mails.get(0).get("to").asString()).isEqualTo("json.view@example.jp");
		assertThat(mails.get(1).get("id").asString()).isEqualTo(older);

		HttpResponse<String> one = this.http.get("/dev/mailbox/messages/" + older, "Accept", "application/json");
		assertThat(one.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(one.body()).get("text").asString()).isEqualTo("コード: 111111");
	}

	@Test
	void anUnknownMailIsNotFound() {
		assertThat(this.http.get("/dev/mailbox/00000000-0000-4000-8000-000000000000", "Accept", "text/html")
			.statusCode()).isEqualTo(404);
		assertThat(this.http.get("/dev/mailbox/messages/nothing", "Accept", "application/json").statusCode())
			.isEqualTo(404);
	}

	@Test
	void aRequestThatPassedThroughAProxyIsForbidden() {
		String id = this.mailer.send(new OutgoingMail("proxy@example.jp", "件名", "本文"));

		for (String path : new String[] { "/dev/mailbox", "/dev/mailbox/" + id, "/dev/mailbox/messages" }) {
			HttpResponse<String> response = this.http.get(path, "X-Forwarded-For", "203.0.113.7", "Accept",
					"application/json");
			assertThat(response.statusCode()).as(path).isEqualTo(403);
			assertThat(response.body()).as(path).doesNotContain("proxy@example.jp");
		}
	}

}
