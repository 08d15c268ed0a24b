package jp.mamori.mail.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import jp.mamori.mail.OutgoingMail;

import org.springframework.util.Assert;

/**
 * A mail kept in the dev mailbox instead of being sent.
 *
 * @param id random identifier, also the local part of {@code messageId}
 * @param receivedAt when it was kept, from the injected clock
 * @param messageId the {@code Message-ID} it would have carried
 * @param from the {@code From} it would have carried
 * @param mail what was sent
 */
record StoredMail(String id, Instant receivedAt, String messageId, String from, OutgoingMail mail) {

	StoredMail {
		Assert.hasText(id, "id cannot be empty");
		Assert.notNull(receivedAt, "receivedAt cannot be null");
		Assert.hasText(messageId, "messageId cannot be empty");
		Assert.hasText(from, "from cannot be empty");
		Assert.notNull(mail, "mail cannot be null");
	}

	String to() {
		return this.mail.to();
	}

	String subject() {
		return this.mail.subject();
	}

	String text() {
		return this.mail.text();
	}

	@Nullable String html() {
		return this.mail.html();
	}

	/** Only the identifier and the masked mail: the rest is personal data. */
	@Override
	public String toString() {
		return "StoredMail[id=" + this.id + ", receivedAt=" + this.receivedAt + ", mail=" + this.mail + "]";
	}

}
