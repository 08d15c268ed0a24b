package jp.mamori.vault.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.EnumMap;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.mamori.vault.BlindIndex;

import org.springframework.util.Assert;

/**
 * The blind-index key: a Tink HMAC-SHA256 PRF keyset, wrapped by the master key, in a file outside
 * the database. From it one key per index kind is derived, so the e-mail index and the phone index
 * cannot be compared with each other.
 */
final class IndexKey {

	private static final Logger logger = LoggerFactory.getLogger(IndexKey.class);

	private static final byte[] AD = "mamori.vault.index-key.v1".getBytes(StandardCharsets.US_ASCII);

	private final Path file;

	private final MasterKey masterKey;

	private final Map<BlindIndex.Kind, SecretKeySpec> derived = new EnumMap<>(BlindIndex.Kind.class);

	IndexKey(Path file, MasterKey masterKey, boolean generateIfMissing) {
		Assert.notNull(file, "file cannot be null");
		Assert.notNull(masterKey, "masterKey cannot be null");
		this.file = file;
		this.masterKey = masterKey;
		try {
			byte[] wrapped = KeyFiles.readIfExists(file);
			if (wrapped == null) {
				Assert.state(generateIfMissing, () -> "The blind-index key file " + file + " does not exist. On a "
						+ "deployment's very first start set MAMORI_VAULT_CREATE_INDEX_KEY=true once to create it; on a later "
						+ "start it is missing from shared storage");
				KeysetHandle generated = KeysetHandle.generateNew(PredefinedPrfParameters.HMAC_SHA256_PRF);
				if (KeyFiles.createNew(file, TinkProtoKeysetFormat.serializeEncryptedKeyset(generated, masterKey, AD))) {
					logger.warn("Generated a blind-index key in {}: a development default. Production supplies "
							+ "mamori.vault.index-key-file, kept outside the database and its backups", file.toAbsolutePath());
				}
				wrapped = KeyFiles.readIfExists(file);
			}
			PrfSet prf = TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, masterKey, AD)
				.getPrimitive(RegistryConfiguration.get(), PrfSet.class);
			for (BlindIndex.Kind kind : BlindIndex.Kind.values()) {
				byte[] key = prf.computePrimary(("mamori.vault.index.v1:" + kind.name()).getBytes(StandardCharsets.US_ASCII),
						32);
				this.derived.put(kind, new SecretKeySpec(key, "HmacSHA256"));
				java.util.Arrays.fill(key, (byte) 0);
			}
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The blind-index key in " + file + " does not unwrap with the master key", ex);
		}
	}

	/** The derived key of one index kind: raw key material, for the index alone. */
	SecretKeySpec keyFor(BlindIndex.Kind kind, InsecurePlaintextAccess access) {
		Assert.notNull(access, "access cannot be null");
		return this.derived.get(kind);
	}

	/** Re-wrap under the current master key. @return 1 if the file was rewritten, else 0 */
	int rewrap() {
		byte[] wrapped = KeyFiles.readIfExists(this.file);
		if (wrapped == null || this.masterKey.isCurrent(wrapped)) {
			return 0;
		}
		try {
			KeysetHandle handle = TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, this.masterKey, AD);
			KeyFiles.replace(this.file, TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, this.masterKey, AD));
			return 1;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot re-wrap the blind-index key", ex);
		}
	}

	@Override
	public String toString() {
		return "IndexKey[" + this.file.getFileName() + "]";
	}

}
