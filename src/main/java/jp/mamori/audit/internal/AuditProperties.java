package jp.mamori.audit.internal;

import java.time.Duration;
import java.util.List;

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
 * @param verifySegmentSize shortest stretch of the chain worth verifying on a connection of its own
 * @param macKeyFile file holding the current HMAC-SHA256 key of entries (base64 of 32 bytes); empty
 * means a key generated under {@code <mamori.home>/keys} (refused in the {@code prod} profile)
 * @param previousMacKeyFiles files of retired MAC keys, still accepted for the entries they made
 * @param maxUnsealedAge how long an entry may wait to be sealed before health turns DOWN and
 * {@code audit.sealing.stalled} is published
 * @param watchInterval pause between checks of the sealing's state; zero or negative turns them off
 * (health still checks when asked)
 */
@ConfigurationProperties("mamori.audit")
record AuditProperties(@DefaultValue("") String signingKeyFile, @DefaultValue("200ms") Duration sealInterval,
		@DefaultValue("5m") Duration sealingGrace, @DefaultValue("10000") int sealBatchSize,
		@DefaultValue("16384") int maxDetailsLength, @DefaultValue("10000") int verifyFetchSize,
		@DefaultValue("20000") int verifySegmentSize, @DefaultValue("") String macKeyFile,
		@DefaultValue("") List<String> previousMacKeyFiles, @DefaultValue("3m") Duration maxUnsealedAge,
		@DefaultValue("30s") Duration watchInterval) {

}
