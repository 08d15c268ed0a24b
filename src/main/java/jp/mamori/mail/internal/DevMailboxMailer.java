package jp.mamori.mail.internal;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.mamori.mail.Mailer;
import jp.mamori.mail.OutgoingMail;

import org.springframework.util.Assert;

/** Keeps every mail in the {@link DevMailbox} instead of sending it; nothing leaves the machine. */
final class DevMailboxMailer implements Mailer {

	private static final Logger logger = LoggerFactory.getLogger(DevMailboxMailer.class);

	private final DevMailbox mailbox;

	private final MailProperties properties;

	private final Clock clock;

	DevMailboxMailer(DevMailbox mailbox, MailProperties properties, Clock clock) {
		Assert.notNull(mailbox, "mailbox cannot be null");
		Assert.notNull(properties, "properties cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.mailbox = mailbox;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public String send(OutgoingMail mail) {
		Assert.notNull(mail, "mail cannot be null");
		// Random, so that the mailbox's addresses cannot be counted through.
		String id = UUID.randomUUID().toString();
		String from = this.properties.fromName().isEmpty() ? this.properties.from()
				: this.properties.fromName() + " <" + this.properties.from() + ">";
		this.mailbox.keep(new StoredMail(id, this.clock.instant(), "<" + id + "@" + this.properties.fromDomain() + ">",
				from, mail));
		logger.atInfo().addKeyValue("mail_id", id).log("Kept mail {} in the dev mailbox; it was not sent", id);
		return id;
	}

}
