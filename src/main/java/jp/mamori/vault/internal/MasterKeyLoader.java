package jp.mamori.vault.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.mamori.platform.DevelopmentDefaults;

import org.springframework.core.env.Environment;

/**
 * Where the master key comes from: {@code MAMORI_MASTER_KEY} (base64 of 32 bytes), else
 * {@code mamori.vault.master-key-file}, else — in development only — a key generated on first start
 * beside the data, with a loud warning.
 */
final class MasterKeyLoader {

	private static final Logger logger = LoggerFactory.getLogger(MasterKeyLoader.class);

	private MasterKeyLoader() {
	}

	static MasterKey load(VaultProperties properties, Path home, Environment environment) {
		InsecurePlaintextAccess access = InsecurePlaintextAccess.get();
		byte[] current;
		if (!properties.masterKey().isBlank()) {
			current = decode(properties.masterKey(), "MAMORI_MASTER_KEY");
		}
		else if (!properties.masterKeyFile().isBlank()) {
			current = readFile(Path.of(properties.masterKeyFile()));
		}
		else {
			DevelopmentDefaults.refuseInProduction(environment, "a generated personal-data master key",
					"MAMORI_MASTER_KEY (base64 of 32 random bytes) or mamori.vault.master-key-file, kept outside "
							+ "the database and its backups");
			Path file = home.resolve("keys/master.key");
			byte[] generated = new byte[32];
			new SecureRandom().nextBytes(generated);
			if (KeyFiles.createNew(file, (Base64.getEncoder().encodeToString(generated) + "\n")
				.getBytes(StandardCharsets.US_ASCII))) {
				logger.warn("GENERATED A PERSONAL-DATA MASTER KEY in {}. This is a development default: whoever "
						+ "holds this file and a database dump can read customers' personal data. Production must "
						+ "supply MAMORI_MASTER_KEY and keep it out of the database and its backups.",
						file.toAbsolutePath());
			}
			current = readFile(file);
		}
		List<byte[]> previous = new ArrayList<>();
		for (String key : properties.previousMasterKeys()) {
			if (!key.isBlank()) {
				previous.add(decode(key, "MAMORI_PREVIOUS_MASTER_KEYS"));
			}
		}
		return new MasterKey(current, previous, access);
	}

	private static byte[] readFile(Path file) {
		byte[] content = KeyFiles.readIfExists(file);
		if (content == null) {
			throw new IllegalStateException("The master key file " + file + " does not exist");
		}
		return decode(new String(content, StandardCharsets.US_ASCII), "the master key file " + file);
	}

	private static byte[] decode(String base64, String source) {
		try {
			byte[] key = Base64.getDecoder().decode(base64.strip());
			if (key.length != 32) {
				throw new IllegalStateException(source + " must be base64 of exactly 32 bytes");
			}
			return key;
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(source + " is not base64", ex);
		}
	}

}
