package jp.mamori.identity.internal;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.mamori.identity.CustomerId;
import jp.mamori.mail.MailDeliveryException;
import jp.mamori.mail.Mailer;
import jp.mamori.mail.OutgoingMail;

import org.springframework.context.MessageSource;
import org.springframework.util.Assert;

/**
 * The mail a customer gets when a passkey is added to or removed from the account: when (Japan time),
 * from which device and address. Someone who took over a session and added a passkey of their own
 * cannot do it unseen.
 *
 * <p>Security decisions: the mail never names the passkey (its label is the customer's own text and
 * sealed), and describes the device only by names from a fixed list (see {@link SignInNotices}). A
 * notice that cannot be sent does not undo the change; it is logged by mail identifier only.
 */
final class PasskeyMails {

	private static final Logger logger = LoggerFactory.getLogger(PasskeyMails.class);

	/** What happened to a passkey. */
	enum Change {

		ADDED("added"), REMOVED("removed");

		private final String key;

		Change(String key) {
			this.key = key;
		}

	}

	private final CustomerEmails emails;

	private final Mailer mailer;

	private final MessageSource messages;

	private final Clock clock;

	PasskeyMails(CustomerEmails emails, Mailer mailer, MessageSource messages, Clock clock) {
		Assert.notNull(emails, "emails cannot be null");
		Assert.notNull(mailer, "mailer cannot be null");
		Assert.notNull(messages, "messages cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.emails = emails;
		this.mailer = mailer;
		this.messages = messages;
		this.clock = clock;
	}

	/** Mail the notice, if the account has a confirmed address. */
	void changed(CustomerId account, Change change, ClientSource source, Locale locale) {
		var address = this.emails.confirmed(account, "identity.passkey-notice");
		if (address.isEmpty()) {
			return;
		}
		String time = this.clock.instant()
			.atZone(SignInNotices.JAPAN)
			.format(DateTimeFormatter.ofPattern(message("mail.sign-in.time-format", locale), locale));
		String device = SignInNotices.describe(source.userAgent());
		Object[] arguments = { time, (device != null) ? device : message("mail.sign-in.device.unknown", locale),
				source.addressText() };
		try {
			this.mailer.send(new OutgoingMail(address.get().value(),
					message("mail.passkey." + change.key + ".subject", locale),
					this.messages.getMessage("mail.passkey." + change.key + ".body", arguments, locale)));
		}
		catch (MailDeliveryException ex) {
			logger.warn("Passkey notice {} was not delivered", ex.mailId());
		}
	}

	private String message(String code, Locale locale) {
		return this.messages.getMessage(code, null, locale);
	}

}
