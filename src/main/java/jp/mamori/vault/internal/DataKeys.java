package jp.mamori.vault.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import jp.mamori.vault.Subject;
import jp.mamori.vault.SubjectDestroyedException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * Subjects' data keysets (Tink AES256_GCM, one primary, older keys still decrypting). A keyset is
 * stored in {@code vault_keyset} encrypted by the subject's key-encryption key, which is not in the
 * database; unwrapped keysets are held in a bounded cache for a short time.
 */
final class DataKeys implements AutoCloseable {

	private final JdbcClient jdbc;

	private final SubjectKeyStore subjectKeys;

	private final Clock clock;

	private final Cache<Subject, Keys> cache;

	DataKeys(JdbcClient jdbc, SubjectKeyStore subjectKeys, Clock clock, int cacheSize, Duration cacheTtl) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(subjectKeys, "subjectKeys cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jdbc = jdbc;
		this.subjectKeys = subjectKeys;
		this.clock = clock;
		// Tink keys cannot be wiped; eviction drops the only reference to the unwrapped keyset.
		this.cache = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterWrite(cacheTtl).build();
	}

	/** @return the subject's keys, or {@code null} if it has none */
	Keys find(Subject subject) {
		return this.cache.get(subject, this::load);
	}

	/** @return the subject's keys, read again from the database */
	Keys refresh(Subject subject) {
		this.cache.invalidate(subject);
		return find(subject);
	}

	Keys findOrCreate(Subject subject) {
		Keys keys = find(subject);
		if (keys != null) {
			return keys;
		}
		Aead kek = this.subjectKeys.findOrCreate(subject);
		try {
			KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
			this.jdbc.sql("insert into vault_keyset (subject_kind, subject_id, version, keyset, primary_key_id, "
					+ "primary_since) values (?, ?, 1, ?, ?, ?) on conflict do nothing")
				.params(subject.kind().code(), subject.id(), wrap(subject, handle, kek), handle.getPrimary().getId(),
						now())
				.update();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot create a data key for " + subject, ex);
		}
		return refresh(subject);
	}

	/**
	 * Add a new primary key. @return the reference of the key it replaced, or {@code null} if another
	 * node changed the keyset meanwhile (try again)
	 */
	String rotate(Subject subject) {
		Keys keys = refresh(subject);
		if (keys == null) {
			return null;
		}
		KeysetHandle.Builder builder = KeysetHandle.newBuilder(keys.handle);
		builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
			.withRandomId()
			.makePrimary());
		String previous = keys.reference(keys.primaryId());
		return store(subject, keys, builder) ? previous : null;
	}

	/** Remove one key from the keyset. @return whether it was removed (false: changed meanwhile) */
	boolean retire(Subject subject, int keyId) {
		Keys keys = refresh(subject);
		if (keys == null || keys.primaryId() == keyId) {
			return keys == null;
		}
		KeysetHandle.Builder builder = KeysetHandle.newBuilder(keys.handle);
		for (int i = builder.size() - 1; i >= 0; i--) {
			if (keys.handle.getAt(i).getId() == keyId) {
				builder.deleteAt(i);
			}
		}
		return store(subject, keys, builder);
	}

	private boolean store(Subject subject, Keys keys, KeysetHandle.Builder builder) {
		Aead kek = this.subjectKeys.find(subject);
		if (kek == null) {
			return false;
		}
		try {
			KeysetHandle handle = builder.build();
			int updated = this.jdbc.sql("update vault_keyset set version = version + 1, keyset = ?, primary_key_id = ?, "
					+ "primary_since = case when primary_key_id = ? then primary_since else ? end "
					+ "where subject_kind = ? and subject_id = ? and version = ?")
				.params(wrap(subject, handle, kek), handle.getPrimary().getId(), handle.getPrimary().getId(), now(),
						subject.kind().code(), subject.id(), keys.version())
				.update();
			return updated == 1;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot store the keyset of " + subject, ex);
		}
		finally {
			this.cache.invalidate(subject);
		}
	}

	/** Forget the subject's keyset here and in the database; the caller has deleted its key-encryption key. */
	void delete(Subject subject) {
		this.jdbc.sql("delete from vault_keyset where subject_kind = ? and subject_id = ?")
			.params(subject.kind().code(), subject.id())
			.update();
		this.cache.invalidate(subject);
	}

	/** @return subjects whose primary key is older than the instant, in a stable order */
	List<Subject> primaryOlderThan(OffsetDateTime instant, int limit) {
		return this.jdbc.sql("select subject_kind || ':' || subject_id from vault_keyset where primary_since < ? "
				+ "order by subject_kind, subject_id limit ?")
			.params(instant, limit)
			.query(String.class)
			.list()
			.stream()
			.map(Subject::parse)
			.toList();
	}

	private Keys load(Subject subject) {
		record Row(long version, byte[] keyset) {
		}
		List<Row> rows = this.jdbc.sql("select version, keyset from vault_keyset where subject_kind = ? and subject_id = ?")
			.params(subject.kind().code(), subject.id())
			.query((rs, n) -> new Row(rs.getLong(1), rs.getBytes(2)))
			.list();
		if (rows.isEmpty()) {
			return null;
		}
		Aead kek = this.subjectKeys.find(subject);
		if (kek == null) {
			// A keyset without its key-encryption key: the subject was destroyed (e.g. a restored old dump).
			throw new SubjectDestroyedException("The key of " + subject + " has been destroyed");
		}
		try {
			KeysetHandle handle = TinkProtoKeysetFormat.parseEncryptedKeyset(rows.get(0).keyset(), kek,
					associatedData(subject));
			return new Keys(subject, rows.get(0).version(), handle,
					handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
		}
		catch (GeneralSecurityException ex) {
			throw new SubjectDestroyedException("The keyset of " + subject + " does not open with its key");
		}
	}

	private static byte[] wrap(Subject subject, KeysetHandle handle, Aead kek) throws GeneralSecurityException {
		return TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, kek, associatedData(subject));
	}

	private static byte[] associatedData(Subject subject) {
		return ("mamori.vault.keyset.v1:" + subject.reference()).getBytes(StandardCharsets.UTF_8);
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	@Override
	public void close() {
		this.cache.invalidateAll();
		this.cache.cleanUp();
	}

	/** A subject's unwrapped keyset. Holds key material: never printed, never leaves the vault. */
	static final class Keys {

		private final Subject subject;

		private final long version;

		private final KeysetHandle handle;

		private final Aead aead;

		private Keys(Subject subject, long version, KeysetHandle handle, Aead aead) {
			this.subject = subject;
			this.version = version;
			this.handle = handle;
			this.aead = aead;
		}

		long version() {
			return this.version;
		}

		Aead aead() {
			return this.aead;
		}

		int primaryId() {
			return this.handle.getPrimary().getId();
		}

		Set<Integer> ids() {
			Set<Integer> ids = new HashSet<>();
			for (int i = 0; i < this.handle.size(); i++) {
				ids.add(this.handle.getAt(i).getId());
			}
			return ids;
		}

		List<String> references() {
			List<String> references = new ArrayList<>();
			ids().forEach((id) -> references.add(reference(id)));
			return references;
		}

		String reference(int keyId) {
			return KeyReferences.of(this.subject, keyId);
		}

		@Override
		public String toString() {
			return "Keys[" + this.subject + ", version " + this.version + "]";
		}

	}

}
