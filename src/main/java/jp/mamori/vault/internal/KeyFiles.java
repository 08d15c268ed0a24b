package jp.mamori.vault.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import jp.mamori.platform.SecretFiles;

/** Owner-only key files, written whole or not at all. */
final class KeyFiles {

	private KeyFiles() {
	}

	static void createFolder(Path folder) {
		SecretFiles.createFolder(folder);
	}

	/**
	 * Write a new file only if none exists. A hard link is atomic and refuses an existing target, so
	 * two nodes creating the same subject's key agree on one.
	 * @return whether this call created it
	 */
	static boolean createNew(Path file, byte[] content) {
		return SecretFiles.createNew(file, content);
	}

	/** Replace a file's content atomically (used only to re-wrap under a new master key). */
	static void replace(Path file, byte[] content) {
		Path folder = file.toAbsolutePath().getParent();
		try {
			Path temp = Files.createTempFile(folder, ".new-", ".tmp");
			try {
				Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
				Files.write(temp, content);
				Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			finally {
				deleteQuietly(temp);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot rewrite the key file " + file, ex);
		}
	}

	static byte[] readIfExists(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (java.nio.file.NoSuchFileException ex) {
			return null;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the key file " + file, ex);
		}
	}

	private static void deleteQuietly(Path file) {
		if (file != null) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				// a left-over temporary file holds a wrapped key only; the next start ignores it
			}
		}
	}

}
