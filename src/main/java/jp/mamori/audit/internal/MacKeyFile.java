package jp.mamori.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import jp.mamori.platform.SecretFiles;

/**
 * Reads and writes an operation-log MAC key: one line, the base64 of 32 random bytes. This is the one
 * place that handles the key's secret bytes from a file; grep for {@code MacKeyFile} to find every use.
 */
final class MacKeyFile {

	static final int LENGTH = 32;

	private MacKeyFile() {
	}

	static byte[] read(Path file) {
		try {
			byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
			if (key.length != LENGTH) {
				throw new IllegalStateException("The operation-log MAC key in " + file + " must be " + LENGTH
						+ " random bytes in base64, not " + key.length);
			}
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the operation-log MAC key " + file, ex);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("The operation-log MAC key in " + file + " is not base64", ex);
		}
	}

	/**
	 * Generate a key into {@code file} unless it exists; the file and its folder are readable by their
	 * owner only.
	 * @return whether a key was generated
	 */
	static boolean ensure(Path file) {
		if (Files.exists(file)) {
			return false;
		}
		byte[] key = new byte[LENGTH];
		new SecureRandom().nextBytes(key);
		return SecretFiles.createNew(file,
				(Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII));
	}

}
