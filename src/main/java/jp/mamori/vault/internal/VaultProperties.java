package jp.mamori.vault.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the vault module, bound from {@code mamori.vault.*}. See docs/vault.md.
 *
 * @param masterKey base64 of the 32-byte master key ({@code MAMORI_MASTER_KEY}); wins over the file
 * @param masterKeyFile file holding the base64 master key; both empty means a generated development
 * key under {@code <mamori.home>/keys} (refused in {@code prod})
 * @param previousMasterKeys earlier master keys, kept only until a re-wrap has moved everything
 * @param indexKeyFile the blind-index key (wrapped by the master key); empty means generated under
 * {@code <mamori.home>/keys} (refused in {@code prod})
 * @param subjectKeyDir folder of the subjects' key-encryption keys, outside the database; empty means
 * {@code <mamori.home>/keys/subjects} (refused in {@code prod})
 * @param keyCacheSize most subjects whose data keys are held in memory
 * @param keyCacheTtl how long a cached data keyset is used before it is read again
 * @param retireGrace how long after a rotation an old key is kept even when no store reports values
 * under it; longer than {@code keyCacheTtl}, so no node still seals with it
 * @param rotationBatchSize most values re-encrypted, and most subjects rotated, per round
 * @param rotationInterval pause between scheduled rotation rounds
 * @param createIndexKey whether a configured index-key file that does not exist yet may be created;
 * set only for a deployment's very first start, so that a node that merely misses the shared file
 * stops instead of indexing under a key of its own
 */
@ConfigurationProperties("mamori.vault")
record VaultProperties(@DefaultValue("") String masterKey, @DefaultValue("") String masterKeyFile,
		@DefaultValue List<String> previousMasterKeys, @DefaultValue("") String indexKeyFile,
		@DefaultValue("") String subjectKeyDir, @DefaultValue("10000") int keyCacheSize,
		@DefaultValue("1m") Duration keyCacheTtl, @DefaultValue("5m") Duration retireGrace,
		@DefaultValue("500") int rotationBatchSize, @DefaultValue("10m") Duration rotationInterval,
		@DefaultValue("false") boolean createIndexKey) {

	@Override
	public String toString() {
		return "VaultProperties[masterKey=" + (this.masterKey.isBlank() ? "(none)" : "(set)") + ", masterKeyFile="
				+ this.masterKeyFile + ", previousMasterKeys=" + this.previousMasterKeys.size() + ", subjectKeyDir="
				+ this.subjectKeyDir + "]";
	}

}
