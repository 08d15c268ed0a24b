package jp.mamori.identity.account;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.mamori.mail.MailDeliveryException;
import jp.mamori.mail.Mailer;
import jp.mamori.mail.OutgoingMail;
import jp.mamori.vault.EmailAddress;

import org.springframework.context.MessageSource;
import org.springframework.util.Assert;
import jp.mamori.platform.JapanTime;

/**
 * The mails of account operations, in the language of the request that caused them, with times in
 * Japan time. Security decision: a mail that cannot be sent changes no answer (an anonymous caller must
 * not learn from a 503 that an account exists) and undoes nothing; it is logged by mail identifier
 * only, never by address.
 */
final class AccountMails {

	private static final Logger logger = LoggerFactory.getLogger(AccountMails.class);

	private final Mailer mailer;

	private final MessageSource messages;

	private final Clock clock;

	AccountMails(Mailer mailer, MessageSource messages, Clock clock) {
		Assert.notNull(mailer, "mailer cannot be null");
		Assert.notNull(messages, "messages cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.mailer = mailer;
		this.messages = messages;
		this.clock = clock;
	}

	void resetLink(EmailAddress to, String link, Locale locale) {
		send(to, "mail.password-reset", locale, link, PasswordResets.VALIDITY.toMinutes());
	}

	/** The link mailed when a right password met an operator's forced reset. */
	void forcedResetLink(EmailAddress to, String link, Locale locale) {
		send(to, "mail.password-reset-forced", locale, link, PasswordResets.VALIDITY.toMinutes());
	}

	void passwordChanged(EmailAddress to, Locale locale) {
		send(to, "mail.password-changed", locale, now(locale));
	}

	void emailChangeCode(EmailAddress to, String code, Locale locale) {
		send(to, "mail.email-change.code", locale, code, EmailChanges.VALIDITY.toMinutes());
	}

	/** @throws IllegalArgumentException if mail cannot be sent to this address at all */
	void checkDeliverable(EmailAddress to) {
		new OutgoingMail(to.value(), "-", "-");
	}

	/** To the owner of an address that another account tried to move to. */
	void emailChangeTaken(EmailAddress to, Locale locale) {
		send(to, "mail.email-change.taken", locale);
	}

	/** To the old address: the new one appears only masked. */
	void emailChanged(EmailAddress old, EmailAddress replacement, Locale locale) {
		send(old, "mail.email-change.done", locale, now(locale), replacement.masked());
	}

	void accountClosed(EmailAddress to, Locale locale) {
		send(to, "mail.account-closed", locale, now(locale));
	}

	private String now(Locale locale) {
		return this.clock.instant()
			.atZone(JapanTime.ZONE)
			.format(DateTimeFormatter.ofPattern(this.messages.getMessage("mail.sign-in.time-format", null, locale),
					locale));
	}

	private void send(EmailAddress to, String code, Locale locale, Object... arguments) {
		try {
			this.mailer.send(new OutgoingMail(to.value(), this.messages.getMessage(code + ".subject", null, locale),
					this.messages.getMessage(code + ".body", arguments, locale)));
		}
		catch (MailDeliveryException ex) {
			logger.warn("Account mail {} ({}) was not delivered", ex.mailId(), code);
		}
	}

}
