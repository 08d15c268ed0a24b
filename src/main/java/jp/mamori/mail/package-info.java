/**
 * Outgoing mail over SMTP; in the embedded default, a local dev mailbox that keeps every message.
 * <p>
 * The API is {@link jp.mamori.mail.Mailer} and {@link jp.mamori.mail.OutgoingMail}. Mails carry personal
 * data (addresses, names, one-time codes), so neither the address nor the body is ever logged, and the dev
 * mailbox keeps them in memory only, never in the database or on disk.
 */
@ApplicationModule(allowedDependencies = "platform")
package jp.mamori.mail;

import org.springframework.modulith.ApplicationModule;
