package jp.mamori.mail.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * Settings of the mail module, bound from {@code mamori.mail.*} (environment: {@code MAMORI_MAIL_*}). The
 * SMTP server itself is Spring Boot's {@code spring.mail.*}; see {@code docs/mail.md}.
 *
 * @param from the sender's address, in {@code From}; the default is a development placeholder that the
 * {@code prod} profile refuses
 * @param fromName the sender's display name, in {@code From} (UTF-8, so Japanese is fine)
 * @param devMailbox keep mail in the in-memory dev mailbox instead of sending it; refused in {@code prod}
 * @param mailboxCapacity how many mails the dev mailbox keeps; the oldest are dropped first
 */
@ConfigurationProperties("mamori.mail")
record MailProperties(@DefaultValue(MailProperties.DEVELOPMENT_FROM) String from,
		@DefaultValue("Mamori") String fromName, @DefaultValue("true") boolean devMailbox,
		@DefaultValue("200") int mailboxCapacity) {

	/** {@code .invalid} can never be delivered to (RFC 2606), so a forgotten setting cannot reach anyone. */
	static final String DEVELOPMENT_FROM = "no-reply@mamori.invalid";

	static final int MAX_MAILBOX_CAPACITY = 10_000;

	MailProperties {
		Assert.hasText(from, "mamori.mail.from cannot be empty");
		Assert.isTrue(from.indexOf('@') > 0 && from.chars().noneMatch((c) -> c < 0x21 || c == 0x7f),
				"mamori.mail.from must be a plain address such as shop@example.jp");
		Assert.notNull(fromName, "mamori.mail.from-name cannot be null");
		Assert.isTrue(fromName.chars().noneMatch((c) -> c < 0x20 || c == 0x7f),
				"mamori.mail.from-name cannot contain line breaks or control characters");
		Assert.isTrue(mailboxCapacity >= 1 && mailboxCapacity <= MAX_MAILBOX_CAPACITY,
				"mamori.mail.mailbox-capacity must be between 1 and " + MAX_MAILBOX_CAPACITY);
	}

	/** @return the domain of {@link #from}, which also names this sender in every {@code Message-ID} */
	String fromDomain() {
		return this.from.substring(this.from.lastIndexOf('@') + 1);
	}

}
