package jp.mamori.identity.signin;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.mamori.mail.MailDeliveryException;
import jp.mamori.mail.Mailer;
import jp.mamori.mail.OutgoingMail;
import jp.mamori.vault.EmailAddress;

import org.springframework.context.MessageSource;
import org.springframework.util.Assert;

/** The mail that carries a sign-in code, in the language of the request that asked for it. */
final class EmailCodeMails {

	private static final Logger logger = LoggerFactory.getLogger(EmailCodeMails.class);

	private final Mailer mailer;

	private final MessageSource messages;

	EmailCodeMails(Mailer mailer, MessageSource messages) {
		Assert.notNull(mailer, "mailer cannot be null");
		Assert.notNull(messages, "messages cannot be null");
		this.mailer = mailer;
		this.messages = messages;
	}

	/**
	 * Security decision: a mail that cannot be sent is logged by its identifier and otherwise swallowed.
	 * Answering {@code 503} here, and {@code 202} for an unknown account, would tell who has an account.
	 */
	void code(EmailAddress to, String code, Locale locale) {
		try {
			this.mailer.send(new OutgoingMail(to.value(),
					this.messages.getMessage("mail.email-code.subject", null, locale), this.messages
						.getMessage("mail.email-code.body", new Object[] { code, EmailCodeSignIn.VALIDITY.toMinutes() },
								locale)));
		}
		catch (MailDeliveryException ex) {
			logger.warn("Sign-in code mail {} was not delivered", ex.mailId());
		}
	}

}
