/**
 * Personal data sealed before it reaches the database: per-subject keys (destroyed to shred a
 * subject's data), audited reads, key rotation, blind indexes and self-masking value types.
 */
@ApplicationModule(allowedDependencies = { "platform", "audit" })
package jp.mamori.vault;

import org.springframework.modulith.ApplicationModule;
