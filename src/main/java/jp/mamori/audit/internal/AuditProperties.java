package jp.mamori.audit.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit module, bound from {@code mamori.audit.*}.
 *
 * @param signingKeyFile PKCS#8 PEM file of the Ed25519 key that signs checkpoints; empty means a key
 * generated under {@code <mamori.home>/keys} (refused in the {@code prod} profile)
 * @param sealInterval pause between background sealing rounds; zero or negative turns them off
 * @param sealingGrace how long an entry may stay outside the chain before {@code verify} reports it
 * @param sealBatchSize most entries chained per sealing round
 * @param maxDetailsLength largest canonical JSON of an entry's details, in characters
 * @param verifyFetchSize rows fetched per round trip while verifying
 */
@ConfigurationProperties("mamori.audit")
record AuditProperties(@DefaultValue("") String signingKeyFile, @DefaultValue("200ms") Duration sealInterval,
		@DefaultValue("5m") Duration sealingGrace, @DefaultValue("10000") int sealBatchSize,
		@DefaultValue("16384") int maxDetailsLength, @DefaultValue("10000") int verifyFetchSize) {

}
