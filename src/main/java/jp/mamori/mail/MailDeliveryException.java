package jp.mamori.mail;

import org.springframework.util.Assert;

/**
 * A mail could not be composed or handed to the SMTP server.
 * <p>
 * Security decision: the exception does not chain the mail library's exception, whose message often
 * quotes the recipient's address or the server's reply about it ({@code 550 <taro@example.jp> unknown}).
 * It names the mail's identifier, the kinds of failure and, when the server gave one, its reply code;
 * that is enough for an operator to find the cause in the SMTP server's own log.
 */
public final class MailDeliveryException extends RuntimeException {

	private final String mailId;

	/**
	 * @param mailId the identifier of the mail that failed
	 * @param reason what failed, without any address, subject or body
	 */
	public MailDeliveryException(String mailId, String reason) {
		super("Mail " + mailId + " was not delivered: " + reason);
		Assert.hasText(mailId, "mailId cannot be empty");
		Assert.hasText(reason, "reason cannot be empty");
		this.mailId = mailId;
	}

	/** @return the identifier of the mail that failed, as returned by {@link Mailer#send} would have been */
	public String mailId() {
		return this.mailId;
	}

}
