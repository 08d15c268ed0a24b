/**
 * Who the customers (and later the staff) are and how they prove it: accounts, Argon2id passwords
 * and their policy, throttling and lockout, and sign-in sessions.
 */
@ApplicationModule(allowedDependencies = { "platform", "audit", "mail", "vault" })
package jp.mamori.identity;

import org.springframework.modulith.ApplicationModule;
