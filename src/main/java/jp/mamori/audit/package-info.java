/**
 * The operation log: an append-only, tamper-evident record of every staff action and every read of
 * personal data, and the persisted stream of security events.
 */
@ApplicationModule(allowedDependencies = "platform")
package jp.mamori.audit;

import org.springframework.modulith.ApplicationModule;
