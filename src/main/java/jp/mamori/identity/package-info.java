/**
 * Who the customers are and how they prove it: accounts, Argon2id passwords and their policy, e-mail
 * codes, TOTP and passkeys, throttling and lockout, the bot check, and sign-in sessions. Its API is this
 * package ({@link jp.mamori.identity.CustomerId}, {@link jp.mamori.identity.CustomerAccounts},
 * {@link jp.mamori.identity.CustomerSupport}, {@link jp.mamori.identity.CustomerAccountClosed}, the public
 * exceptions and event names) and two named interfaces: {@code identity::credentials} (the pieces the
 * staff module signs its members in with) and {@code identity::botcheck} (the bot check any form can use).
 * Inside, capability packages are layered: {@code api} and {@code pages} on {@code signin} on
 * {@code factors} on {@code session} on {@code account} on {@code credentials}, with {@code botcheck}
 * beside them (docs/architecture.md).
 */
@ApplicationModule(allowedDependencies = { "platform", "audit", "mail", "vault" })
package jp.mamori.identity;

import org.springframework.modulith.ApplicationModule;
