/**
 * Outgoing mail over SMTP; in the embedded default, a local dev mailbox that keeps every message.
 */
@ApplicationModule(allowedDependencies = "platform")
package jp.mamori.mail;

import org.springframework.modulith.ApplicationModule;
