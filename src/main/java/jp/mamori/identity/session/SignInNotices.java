package jp.mamori.identity.session;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.account.CustomerEmails;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.Devices;
import jp.mamori.mail.MailDeliveryException;
import jp.mamori.mail.Mailer;
import jp.mamori.mail.OutgoingMail;
import jp.mamori.platform.JapanTime;
import org.springframework.context.MessageSource;
import org.springframework.util.Assert;

/**
 * The mail a customer gets after every successful sign-in: when (Japan time), from which device and
 * address, and how. It lets the owner notice a sign-in that was not theirs. Sign-in notices are
 * queued with the sign-in's history entry and mailed by {@link SignInNoticeOutbox}; the other notices
 * (password, e-mail or second-factor changes) go out through {@link #notify} in the request.
 *
 * <p>Security decisions: the device is described only by names from a fixed list (browser and
 * system), never by the {@code User-Agent} text itself, which the client writes and could fill with a
 * phishing sentence or a link. The mail never holds the code or the password. A notice that cannot be
 * sent does not undo the sign-in; it is logged by mail identifier only.
 */
public final class SignInNotices {

	private static final Logger logger = LoggerFactory.getLogger(SignInNotices.class);

	private final CustomerEmails emails;

	private final Mailer mailer;

	private final MessageSource messages;

	private final Clock clock;

	public SignInNotices(CustomerEmails emails, Mailer mailer, MessageSource messages, Clock clock) {
		Assert.notNull(emails, "emails cannot be null");
		Assert.notNull(mailer, "mailer cannot be null");
		Assert.notNull(messages, "messages cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.emails = emails;
		this.mailer = mailer;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * Mail the notice of a sign-in, if the account has a confirmed address.
	 * @param at when the sign-in happened
	 * @param device the device as {@link #describe} named it, or {@code null} when it was not recognised
	 * @param address the source address as text
	 * @param method {@code password}, {@code email_code}, {@code totp}, {@code recovery_code} or
	 * {@code passkey}
	 * @throws MailDeliveryException if the mail server did not take the mail; the caller may try again
	 */
	void signedIn(CustomerId account, Instant at, String device, String address, String method, Locale locale) {
		send(account, "identity.sign-in-notice", "mail.sign-in", at, device, address, locale,
				message("mail.sign-in.method." + method, locale));
	}

	/**
	 * Mail the account's confirmed address, if it has one, a notice of something done just now from
	 * {@code source}. Security decision: a notice that cannot be sent does not undo what happened; it is
	 * logged by mail identifier only.
	 * @param purpose why the address is opened (the vault's purpose)
	 * @param mail the messages' prefix: {@code <mail>.subject} and {@code <mail>.body}, whose arguments are
	 * the time (Japan), the device, the address and then {@code more}
	 */
	public void notify(CustomerId account, String purpose, String mail, ClientSource source, Locale locale,
			Object... more) {
		try {
			send(account, purpose, mail, this.clock.instant(), Devices.describe(source.userAgent()), source.addressText(),
					locale, more);
		}
		catch (MailDeliveryException ex) {
			logger.warn("Notice {} ({}) was not delivered", ex.mailId(), mail);
		}
	}

	private void send(CustomerId account, String purpose, String mail, Instant at, String device, String address,
			Locale locale, Object... more) {
		var recipient = this.emails.confirmed(account, purpose);
		if (recipient.isEmpty()) {
			return;
		}
		Object[] arguments = new Object[3 + more.length];
		arguments[0] = japanTime(at, locale);
		arguments[1] = (device != null) ? device : message("mail.sign-in.device.unknown", locale);
		arguments[2] = address;
		System.arraycopy(more, 0, arguments, 3, more.length);
		this.mailer.send(new OutgoingMail(recipient.get().value(), message(mail + ".subject", locale),
				this.messages.getMessage(mail + ".body", arguments, locale)));
	}

	/** @return the instant in Japan time, written as the customer's language writes it in mails */
	String japanTime(Instant instant, Locale locale) {
		return instant.atZone(JapanTime.ZONE)
			.format(DateTimeFormatter.ofPattern(message("mail.sign-in.time-format", locale), locale));
	}

	private String message(String code, Locale locale) {
		return this.messages.getMessage(code, null, locale);
	}

}
