package jp.mamori.mail.internal;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.mamori.mail.MailDeliveryException;
import jp.mamori.mail.Mailer;
import jp.mamori.mail.OutgoingMail;
import jp.mamori.platform.SecurityEvents;

import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.util.Assert;
import jp.mamori.platform.JapanTime;

/**
 * Sends mail through Spring's {@link JavaMailSender}, configured by {@code spring.mail.*}.
 * <p>
 * Everything is UTF-8: the subject and the sender's name as RFC 2047 encoded words, the bodies as UTF-8
 * text. ISO-2022-JP, the traditional Japanese mail charset, cannot carry emoji nor many kanji used in
 * names (髙, 﨑), and every current mail client reads UTF-8.
 */
final class SmtpMailer implements Mailer {

	/** Security event: A mail could not be handed to the SMTP server (the mail's ID only). */
	static final String DELIVERY_FAILED = "mail.delivery.failed";

	private static final Logger logger = LoggerFactory.getLogger(SmtpMailer.class);

	/** Customers read the Date header in Japan time whatever the server's time zone. */
	private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME
		.withZone(JapanTime.ZONE);

	private static final Pattern REPLY_CODE = Pattern.compile("^([45][0-9][0-9])[ -]");

	private final JavaMailSender sender;

	private final MailProperties properties;

	private final Clock clock;

	private final SecurityEvents events;

	SmtpMailer(JavaMailSender sender, MailProperties properties, Clock clock, SecurityEvents events) {
		Assert.notNull(sender, "sender cannot be null");
		Assert.notNull(properties, "properties cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		Assert.notNull(events, "events cannot be null");
		this.sender = sender;
		this.properties = properties;
		this.clock = clock;
		this.events = events;
	}

	@Override
	public String send(OutgoingMail mail) {
		Assert.notNull(mail, "mail cannot be null");
		String mailId = UUID.randomUUID().toString();
		MimeMessage message = this.sender.createMimeMessage();
		try {
			compose(message, mailId, mail);
		}
		catch (MessagingException | UnsupportedEncodingException ex) {
			throw failed(mailId, "it could not be composed", ex);
		}
		try {
			this.sender.send(message);
		}
		catch (MailException ex) {
			throw failed(mailId, "the SMTP server did not accept it", ex);
		}
		logger.atInfo().addKeyValue("mail_id", mailId).log("Sent mail {} over SMTP", mailId);
		return mailId;
	}

	private void compose(MimeMessage message, String mailId, OutgoingMail mail)
			throws MessagingException, UnsupportedEncodingException {
		MimeMessageHelper helper = new MimeMessageHelper(message, mail.html() != null,
				StandardCharsets.UTF_8.name());
		helper.setFrom(new InternetAddress(this.properties.from(), this.properties.fromName(),
				StandardCharsets.UTF_8.name()));
		helper.setTo(recipient(mail.to()));
		helper.setSubject(mail.subject());
		if (mail.html() != null) {
			helper.setText(mail.text(), mail.html());
		}
		else {
			helper.setText(mail.text());
		}
		// JavaMail would name the host in the Message-ID and use the system clock and time zone for Date.
		message.setHeader("Message-ID", "<" + mailId + "@" + this.properties.fromDomain() + ">");
		message.setHeader("Date", DATE.format(this.clock.instant()));
	}

	/**
	 * The address was validated by {@link OutgoingMail}. A local part with dots at its ends or side by side
	 * (older Japanese mobile addresses, {@code taro..yamada.@docomo.ne.jp}) is no RFC 5322 dot-atom and
	 * JavaMail refuses it; written as a quoted string it is valid and names the same mailbox (RFC 5321).
	 */
	static InternetAddress recipient(String to) {
		int at = to.lastIndexOf('@');
		String local = to.substring(0, at);
		boolean dotAtom = !local.startsWith(".") && !local.endsWith(".") && !local.contains("..");
		InternetAddress address = new InternetAddress();
		address.setAddress(dotAtom ? to : "\"" + local + "\"" + to.substring(at));
		return address;
	}

	/** Logs and reports a failure by the kinds of exception and the SMTP reply code, never their messages. */
	private MailDeliveryException failed(String mailId, String what, Exception ex) {
		Set<String> kinds = new LinkedHashSet<>();
		String replyCode = null;
		for (Throwable cause = ex; cause != null && kinds.size() < 8; cause = cause.getCause()) {
			kinds.add(cause.getClass().getSimpleName());
			Matcher matcher = REPLY_CODE.matcher(String.valueOf(cause.getMessage()));
			if (replyCode == null && matcher.find()) {
				replyCode = matcher.group(1);
			}
		}
		String reason = what + " (" + String.join(" < ", kinds)
				+ ((replyCode != null) ? ", SMTP reply " + replyCode : "") + ")";
		logger.atWarn().addKeyValue("mail_id", mailId).log("Mail {} was not delivered: {}", mailId, reason);
		this.events.publish(DELIVERY_FAILED, Map.of("mail_id", mailId));
		return new MailDeliveryException(mailId, reason);
	}

}
