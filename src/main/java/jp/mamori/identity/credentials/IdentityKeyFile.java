package jp.mamori.identity.credentials;

import java.nio.file.Path;

import jp.mamori.platform.SecretFiles;

/**
 * Reads and writes an identity key: one line, the base64 of 32 random bytes. This is the one
 * place that handles the key's secret bytes from a file; grep for {@code IdentityKeyFile} to find every use.
 */
final class IdentityKeyFile {

	static final int LENGTH = 32;

	private IdentityKeyFile() {
	}

	static byte[] read(Path file) {
		return SecretFiles.readKey(file, LENGTH, "identity key");
	}

	/**
	 * Generate a key into {@code file} unless it exists; the file and its folder are readable by their
	 * owner only ({@link SecretFiles}).
	 * @return whether a key was generated
	 */
	static boolean ensure(Path file) {
		return SecretFiles.createKey(file, LENGTH);
	}

}
