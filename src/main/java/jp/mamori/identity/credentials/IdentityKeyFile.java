package jp.mamori.identity.credentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Reads and writes an identity key: one line, the base64 of 32 random bytes. This is the one
 * place that handles the key's secret bytes from a file; grep for {@code IdentityKeyFile} to find every use.
 */
final class IdentityKeyFile {

	static final int LENGTH = 32;

	private IdentityKeyFile() {
	}

	static byte[] read(Path file) {
		try {
			byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
			if (key.length != LENGTH) {
				throw new IllegalStateException("The identity key in " + file + " must be " + LENGTH
						+ " random bytes in base64, not " + key.length);
			}
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the identity key " + file, ex);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("The identity key in " + file + " is not base64", ex);
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
		try {
			Path folder = file.toAbsolutePath().getParent();
			if (!Files.exists(folder)) {
				Files.createDirectories(folder,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			}
			byte[] key = new byte[LENGTH];
			new SecureRandom().nextBytes(key);
			Path temp = Files.createTempFile(folder, ".new-", ".key");
			try {
				Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
				Files.writeString(temp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
				Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
			}
			finally {
				Files.deleteIfExists(temp);
			}
			return true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the identity key " + file, ex);
		}
	}

}
