package jp.mamori.vault.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;

import jp.mamori.vault.Subject;

import org.springframework.util.Assert;

/**
 * Subjects' key-encryption keys as small files, one per subject, each holding 32 random bytes wrapped
 * by the master key with the subject bound as associated data (a file renamed to another subject does
 * not unwrap). The folder must not be in the database's backups; see docs/vault.md.
 */
final class DirectorySubjectKeyStore implements SubjectKeyStore {

	private final Path folder;

	private final MasterKey masterKey;

	private final SecureRandom random = new SecureRandom();

	DirectorySubjectKeyStore(Path folder, MasterKey masterKey) {
		Assert.notNull(folder, "folder cannot be null");
		Assert.notNull(masterKey, "masterKey cannot be null");
		this.folder = folder;
		this.masterKey = masterKey;
		KeyFiles.createFolder(folder);
	}

	@Override
	public Aead find(Subject subject) {
		byte[] wrapped = KeyFiles.readIfExists(file(subject));
		return (wrapped != null) ? unwrap(subject, wrapped, InsecurePlaintextAccess.get()) : null;
	}

	@Override
	public Aead findOrCreate(Subject subject) {
		Aead existing = find(subject);
		if (existing != null) {
			return existing;
		}
		byte[] key = new byte[32];
		this.random.nextBytes(key);
		try {
			KeyFiles.createNew(file(subject), this.masterKey.encrypt(key, associatedData(subject)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot wrap a subject key", ex);
		}
		finally {
			java.util.Arrays.fill(key, (byte) 0);
		}
		// Whoever linked the file first won; everyone uses that key.
		return find(subject);
	}

	@Override
	public boolean delete(Subject subject) {
		try {
			return Files.deleteIfExists(file(subject));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot delete the key of " + subject, ex);
		}
	}

	@Override
	public int rewrap() {
		int rewritten = 0;
		for (Path file : allFiles()) {
			byte[] wrapped = KeyFiles.readIfExists(file);
			if (wrapped == null || this.masterKey.isCurrent(wrapped)) {
				continue;
			}
			Subject subject = subjectOf(file);
			byte[] ad = associatedData(subject);
			try {
				byte[] key = this.masterKey.decrypt(wrapped, ad);
				KeyFiles.replace(file, this.masterKey.encrypt(key, ad));
				java.util.Arrays.fill(key, (byte) 0);
				rewritten++;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("Cannot re-wrap the key of " + subject, ex);
			}
		}
		return rewritten;
	}

	private Aead unwrap(Subject subject, byte[] wrapped, InsecurePlaintextAccess access) {
		Assert.notNull(access, "access cannot be null");
		try {
			byte[] key = this.masterKey.decrypt(wrapped, associatedData(subject));
			try {
				return new AesGcmJce(key);
			}
			finally {
				java.util.Arrays.fill(key, (byte) 0);
			}
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The key file of " + subject + " does not unwrap with the master key", ex);
		}
	}

	private List<Path> allFiles() {
		try (Stream<Path> files = Files.walk(this.folder)) {
			return files.filter((path) -> path.getFileName().toString().endsWith(".kek")).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + this.folder, ex);
		}
	}

	/** {@code <folder>/<kind>/<2 hex of SHA-256(id)>/<id>.kek}: a few thousand files per folder at most. */
	Path file(Subject subject) {
		return this.folder.resolve(subject.kind().code()).resolve(shard(subject.id())).resolve(subject.id() + ".kek");
	}

	private Subject subjectOf(Path file) {
		String name = file.getFileName().toString();
		String kind = file.getParent().getParent().getFileName().toString();
		return Subject.parse(kind + ":" + name.substring(0, name.length() - ".kek".length()));
	}

	private static String shard(String id) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 1);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] associatedData(Subject subject) {
		return ("mamori.vault.subject-kek.v1:" + subject.reference()).getBytes(StandardCharsets.UTF_8);
	}

}
