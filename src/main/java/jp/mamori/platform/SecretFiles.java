package jp.mamori.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Files that hold secrets (keys Mamori generates on first start): readable by their owner only,
 * written whole or not at all, and never overwritten by a second writer.
 *
 * <p>Security decisions: the folder is created {@code rwx------} and the file {@code rw-------} before
 * any secret byte is written to it; the file appears under its name by a hard link, which is atomic and
 * refuses an existing target, so two nodes (or two starts) that generate the same key at once agree on
 * one and neither sees a half-written file.
 */
public final class SecretFiles {

	private SecretFiles() {
	}

	/** Creates {@code folder} (and its parents) readable by their owner only, unless it exists. */
	public static void createFolder(Path folder) {
		try {
			if (!Files.isDirectory(folder)) {
				Files.createDirectories(folder,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the key folder " + folder, ex);
		}
	}

	/**
	 * Writes {@code content} to {@code file} only if no such file exists.
	 * @return whether this call created it
	 */
	public static boolean createNew(Path file, byte[] content) {
		Path folder = file.toAbsolutePath().getParent();
		createFolder(folder);
		Path temp = null;
		try {
			temp = Files.createTempFile(folder, ".new-", ".tmp");
			Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
			Files.write(temp, content);
			Files.createLink(file, temp);
			return true;
		}
		catch (FileAlreadyExistsException ex) {
			return false;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the key file " + file, ex);
		}
		finally {
			if (temp != null) {
				try {
					Files.deleteIfExists(temp);
				}
				catch (IOException ex) {
					// A stray temporary file holds no key anyone uses; the next start's temp has another name.
				}
			}
		}
	}

	/**
	 * Reads a key of {@code length} random bytes, kept in base64 on one line.
	 * @param name what the key is, for the message when the file is missing or wrong
	 */
	public static byte[] readKey(Path file, int length, String name) {
		try {
			byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
			if (key.length != length) {
				throw new IllegalStateException(
						"The " + name + " in " + file + " must be " + length + " random bytes in base64, not " + key.length);
			}
			return key;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the " + name + " " + file, ex);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("The " + name + " in " + file + " is not base64", ex);
		}
	}

	/**
	 * Generates a key of {@code length} random bytes into {@code file}, in base64, unless the file exists.
	 * @return whether this call generated it
	 */
	public static boolean createKey(Path file, int length) {
		if (Files.exists(file)) {
			return false;
		}
		byte[] key = new byte[length];
		new SecureRandom().nextBytes(key);
		return createNew(file, (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII));
	}

}
