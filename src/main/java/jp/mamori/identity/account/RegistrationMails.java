package jp.mamori.identity.account;

import java.util.Locale;

import jp.mamori.mail.Mailer;
import jp.mamori.mail.OutgoingMail;
import jp.mamori.vault.EmailAddress;
import jp.mamori.vault.PersonName;

import org.springframework.context.MessageSource;
import org.springframework.util.Assert;

/** The mails of registration, in the language the registration was made in. */
final class RegistrationMails {

	private final Mailer mailer;

	private final MessageSource messages;

	RegistrationMails(Mailer mailer, MessageSource messages) {
		Assert.notNull(mailer, "mailer cannot be null");
		Assert.notNull(messages, "messages cannot be null");
		this.mailer = mailer;
		this.messages = messages;
	}

	void confirmationCode(EmailAddress to, PersonName name, String code, Locale locale) {
		send(to, "mail.registration.code.subject", "mail.registration.code.body", locale, name.fullName(), code,
				Registrations.VALIDITY.toHours());
	}

	/** @throws IllegalArgumentException if mail cannot be sent to this address at all */
	void checkDeliverable(EmailAddress to) {
		new OutgoingMail(to.value(), "-", "-");
	}

	void alreadyRegistered(EmailAddress to, Locale locale) {
		send(to, "mail.registration.known.subject", "mail.registration.known.body", locale);
	}

	private void send(EmailAddress to, String subject, String body, Locale locale, Object... arguments) {
		this.mailer.send(new OutgoingMail(to.value(), this.messages.getMessage(subject, null, locale),
				this.messages.getMessage(body, arguments, locale)));
	}

}
