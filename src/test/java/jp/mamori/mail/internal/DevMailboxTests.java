package jp.mamori.mail.internal;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import jp.mamori.mail.OutgoingMail;
import jp.mamori.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class DevMailboxTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-04-01T00:00:00Z"));

	private final MailProperties properties = new MailProperties("shop@example.jp", "守りショップ", true, 3);

	@Test
	void theMailboxKeepsMailsNewestFirst() {
		DevMailbox mailbox = new DevMailbox(3);
		DevMailboxMailer mailer = new DevMailboxMailer(mailbox, this.properties, this.clock);

		String first = mailer.send(mail("一通目"));
		this.clock.advance(java.time.Duration.ofSeconds(1));
		String second = mailer.send(mail("二通目"));

		assertThat(mailbox.mails()).extracting(StoredMail::id).containsExactly(second, first);
		assertThat(mailbox.mails()).extracting(StoredMail::subject).containsExactly("二通目", "一通目");
		assertThat(mailbox.mails().get(0).receivedAt()).isEqualTo(Instant.parse("2026-04-01T00:00:01Z"));
	}

	@Test
	void aFullMailboxDropsTheOldestMail() {
		DevMailbox mailbox = new DevMailbox(3);
		DevMailboxMailer mailer = new DevMailboxMailer(mailbox, this.properties, this.clock);

		String dropped = mailer.send(mail("1"));
		mailer.send(mail("2"));
		mailer.send(mail("3"));
		mailer.send(mail("4"));

		assertThat(mailbox.mails()).hasSize(3).extracting(StoredMail::subject).containsExactly("4", "3", "2");
		assertThat(mailbox.find(dropped)).isEmpty();
	}

	@Test
	void identifiersAreRandomNotSequential() {
		DevMailbox mailbox = new DevMailbox(3);
		DevMailboxMailer mailer = new DevMailboxMailer(mailbox, this.properties, this.clock);

		String id = mailer.send(mail("1"));

		assertThat(java.util.UUID.fromString(id).version()).isEqualTo(4);
		assertThat(mailbox.find(id)).get()
			.satisfies((mail) -> assertThat(mail.messageId()).isEqualTo("<" + id + "@example.jp>"))
			.satisfies((mail) -> assertThat(mail.from()).isEqualTo("守りショップ <shop@example.jp>"))
			.satisfies((mail) -> assertThat(mail.toString()).doesNotContain("taro").doesNotContain("本文"));
	}

	private static OutgoingMail mail(String subject) {
		return new OutgoingMail("taro@example.jp", subject, "本文");
	}

}
