package jp.mamori.identity.account;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.Devices;
import jp.mamori.identity.credentials.LockoutListener;
import jp.mamori.mail.MailDeliveryException;
import jp.mamori.mail.Mailer;
import jp.mamori.mail.OutgoingMail;
import jp.mamori.platform.JapanTime;
import jp.mamori.platform.db.AfterCommit;
import org.springframework.context.MessageSource;
import org.springframework.util.Assert;

/**
 * Mails the owner when a lockout starts: when (Japan time), from which address and device, a
 * single-use link that ends the lockout ({@link UnlockLinks}), and the advice to sign in by e-mail
 * code and to change the password.
 *
 * <p>Security decisions:
 * <ul>
 * <li>The link is stored in the transaction that starts the lockout (no commit of its own on the
 * refusal path); the mail is sent only after that commit, and on another thread, so the failure that
 * starts a lockout takes no longer than any other: its timing cannot tell that the account exists.</li>
 * <li>One mail per lockout start. Lockouts double (15 minutes up to a day), so even a sustained attack
 * mails the owner a few times a day at most; each new link replaces the previous one.</li>
 * <li>The mail is in Japanese and English: the request that started the lockout is the attacker's, so
 * its language says nothing about the owner's.</li>
 * <li>The device is a summary from a fixed list of names, never the attacker-written {@code User-Agent}.</li>
 * </ul>
 */
public final class LockoutMails implements LockoutListener, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LockoutMails.class);

	private final UnlockTokens tokens;

	private final CustomerEmails emails;

	private final Mailer mailer;

	private final MessageSource messages;

	private final URI publicBaseUrl;

	private final Executor executor;

	private final Clock clock;

	public LockoutMails(UnlockTokens tokens, CustomerEmails emails, Mailer mailer, MessageSource messages, URI publicBaseUrl,
			Executor executor, Clock clock) {
		Assert.notNull(tokens, "tokens cannot be null");
		Assert.notNull(emails, "emails cannot be null");
		Assert.notNull(mailer, "mailer cannot be null");
		Assert.notNull(messages, "messages cannot be null");
		Assert.notNull(publicBaseUrl, "publicBaseUrl cannot be null");
		Assert.notNull(executor, "executor cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.tokens = tokens;
		this.emails = emails;
		this.mailer = mailer;
		this.messages = messages;
		this.publicBaseUrl = publicBaseUrl;
		this.executor = executor;
		this.clock = clock;
	}

	@Override
	public void started(CustomerId account, Instant lockedUntil, ClientSource source) {
		String token = this.tokens.issue(account);
		Instant now = this.clock.instant();
		AfterCommit.run(() -> this.executor.execute(() -> send(account, token, now, lockedUntil, source)));
	}

	/** Give mails on their way a moment to leave when Mamori stops. */
	@Override
	public void close() throws Exception {
		if (this.executor instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	private void send(CustomerId account, String token, Instant at, Instant lockedUntil, ClientSource source) {
		try {
			var address = this.emails.confirmed(account, "identity.lockout-notice");
			if (address.isEmpty()) {
				return;
			}
			String link = this.publicBaseUrl.toString().replaceAll("/+$", "") + "/account/unlock?token=" + token;
			String body = body(Locale.JAPANESE, at, lockedUntil, source, link) + "\n----\n\n"
					+ body(Locale.ENGLISH, at, lockedUntil, source, link);
			String subject = this.messages.getMessage("mail.lockout.subject", null, Locale.JAPANESE) + " / "
					+ this.messages.getMessage("mail.lockout.subject", null, Locale.ENGLISH);
			this.mailer.send(new OutgoingMail(address.get().value(), subject, body));
		}
		catch (MailDeliveryException ex) {
			logger.warn("Lockout notice {} was not delivered", ex.mailId());
		}
		catch (RuntimeException ex) {
			// Nobody waits for this thread; say what failed without anything of the customer's.
			logger.warn("Lockout notice could not be prepared: {}", ex.getClass().getName());
		}
	}

	private String body(Locale locale, Instant at, Instant lockedUntil, ClientSource source, String link) {
		DateTimeFormatter format = DateTimeFormatter
			.ofPattern(this.messages.getMessage("mail.sign-in.time-format", null, locale), locale);
		String device = Devices.describe(source.userAgent());
		Object[] arguments = { at.atZone(JapanTime.ZONE).format(format),
				(device != null) ? device : this.messages.getMessage("mail.sign-in.device.unknown", null, locale),
				source.addressText(), lockedUntil.atZone(JapanTime.ZONE).format(format), link,
				UnlockTokens.VALIDITY.toHours() };
		return this.messages.getMessage("mail.lockout.body", arguments, locale);
	}

}
