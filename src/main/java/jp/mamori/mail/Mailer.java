package jp.mamori.mail;

/**
 * Sends one mail to one recipient. In production the mail goes to the SMTP server configured by
 * {@code spring.mail.*}; in the embedded default it is kept in the dev mailbox at {@code /dev/mailbox}
 * and never leaves the machine.
 * <p>
 * Implementations never log the recipient's address, the subject or the body: they carry personal
 * data. They log the mail's identifier, which {@link #send} returns so that callers can log it too.
 */
public interface Mailer {

	/**
	 * Send {@code mail} now, in the caller's thread.
	 * @param mail the mail; already validated by its constructor
	 * @return the mail's identifier, a random UUID that is also the local part of its {@code Message-ID}
	 * @throws MailDeliveryException if the mail could not be handed to the SMTP server
	 */
	String send(OutgoingMail mail);

}
