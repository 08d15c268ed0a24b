package jp.mamori.vault.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.mamori.audit.Actor;
import jp.mamori.audit.OperationLog;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.vault.ContextMismatchException;
import jp.mamori.vault.ReadRefusedException;
import jp.mamori.vault.Reader;
import jp.mamori.vault.SealContext;
import jp.mamori.vault.Sealed;
import jp.mamori.vault.Subject;
import jp.mamori.vault.SubjectDestroyedException;
import jp.mamori.vault.Vault;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/** The vault: AES-256-GCM per subject through Tink, reads audited before they return. */
final class TinkVault implements Vault {

	private static final Logger logger = LoggerFactory.getLogger(TinkVault.class);

	static final String CONTEXT_MISMATCH = "security.pii.context_mismatch";

	private final DataKeys dataKeys;

	private final SubjectKeyStore subjectKeys;

	private final OperationLog operationLog;

	private final SecurityEvents securityEvents;

	private final JdbcClient jdbc;

	TinkVault(DataKeys dataKeys, SubjectKeyStore subjectKeys, OperationLog operationLog, SecurityEvents securityEvents,
			JdbcClient jdbc) {
		Assert.notNull(dataKeys, "dataKeys cannot be null");
		Assert.notNull(subjectKeys, "subjectKeys cannot be null");
		Assert.notNull(operationLog, "operationLog cannot be null");
		Assert.notNull(securityEvents, "securityEvents cannot be null");
		Assert.notNull(jdbc, "jdbc cannot be null");
		this.dataKeys = dataKeys;
		this.subjectKeys = subjectKeys;
		this.operationLog = operationLog;
		this.securityEvents = securityEvents;
		this.jdbc = jdbc;
	}

	@Override
	public Sealed seal(SealContext context, String plaintext) {
		Assert.notNull(context, "context cannot be null");
		Assert.notNull(plaintext, "plaintext cannot be null");
		DataKeys.Keys keys = this.dataKeys.findOrCreate(context.subject());
		try {
			byte[] ciphertext = keys.aead().encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData(context));
			return Sealed.of(ciphertext, keys.reference(keys.primaryId()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-GCM encryption failed", ex);
		}
	}

	@Override
	public String open(Sealed sealed, SealContext context, Reader reader, String purpose) {
		Assert.notNull(sealed, "sealed cannot be null");
		Assert.notNull(context, "context cannot be null");
		Assert.notNull(reader, "reader cannot be null");
		if (purpose == null || purpose.isBlank()) {
			throw new ReadRefusedException("Every read of personal data needs a purpose");
		}
		if (reader.kind() == Reader.Kind.SUBJECT && !reader.subject().equals(context.subject())) {
			throw new ReadRefusedException("A subject may read only its own data");
		}
		String plaintext = decrypt(sealed, context);
		if (reader.kind() != Reader.Kind.SUBJECT) {
			// Invariant 3: the read is on record (in the caller's transaction) before the value leaves.
			Actor actor = (reader.kind() == Reader.Kind.STAFF) ? Actor.staff(reader.id()) : Actor.system(reader.id());
			this.operationLog.record(actor, "pii.read", context.subject().reference(), purpose,
					Map.of("field", context.field(), "row_id", context.rowId()));
		}
		return plaintext;
	}

	/** Open without a per-value log entry: only for re-encryption, which logs each batch. */
	String openForReencryption(Sealed sealed, SealContext context, InsecurePlaintextAccess access) {
		Assert.notNull(access, "access cannot be null");
		return decrypt(sealed, context);
	}

	private String decrypt(Sealed sealed, SealContext context) {
		Subject subject = context.subject();
		if (!KeyReferences.belongsTo(sealed.keyReference(), subject)) {
			throw mismatch(sealed, context, "its key belongs to another subject");
		}
		DataKeys.Keys keys = this.dataKeys.find(subject);
		if (keys == null) {
			throw new SubjectDestroyedException("The key of " + subject + " has been destroyed");
		}
		byte[] ad = associatedData(context);
		try {
			return new String(keys.aead().decrypt(sealed.ciphertext(), ad), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			// Perhaps another node rotated the keyset after this one cached it: read it once more.
			DataKeys.Keys fresh = this.dataKeys.refresh(subject);
			if (fresh != null && fresh.version() != keys.version()) {
				try {
					return new String(fresh.aead().decrypt(sealed.ciphertext(), ad), StandardCharsets.UTF_8);
				}
				catch (GeneralSecurityException again) {
					// fall through to the mismatch
				}
			}
			throw mismatch(sealed, context, "it was sealed for another place or altered");
		}
	}

	private ContextMismatchException mismatch(Sealed sealed, SealContext context, String why) {
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("subject", context.subject().reference());
		attributes.put("field", context.field());
		attributes.put("row_id", context.rowId());
		attributes.put("key_ref", sealed.keyReference());
		this.securityEvents.publish(CONTEXT_MISMATCH, attributes);
		logger.warn("A sealed value presented as {} of {} row {} does not open there: {}", context.field(),
				context.subject().reference(), context.rowId(), why);
		return new ContextMismatchException("The sealed value does not belong to " + context.field() + " of "
				+ context.subject().reference() + " row " + context.rowId() + ": " + why);
	}

	@Override
	public void destroy(Subject subject) {
		Assert.notNull(subject, "subject cannot be null");
		// The key-encryption key first: once it is gone the subject is shredded, whatever happens next.
		boolean hadKey = this.subjectKeys.delete(subject);
		this.dataKeys.delete(subject);
		int indexed = this.jdbc.sql("delete from vault_blind_index where subject_kind = ? and subject_id = ?")
			.params(subject.kind().code(), subject.id())
			.update();
		this.jdbc.sql("delete from vault_retiring_key where subject_kind = ? and subject_id = ?")
			.params(subject.kind().code(), subject.id())
			.update();
		this.operationLog.record(Actor.system("vault"), "vault.subject.destroyed", subject.reference(),
				"crypto-shredding", Map.of("had_key", hadKey, "index_entries", indexed));
	}

	/**
	 * Subject, field and row, each length-prefixed so that no two contexts share an encoding.
	 */
	static byte[] associatedData(SealContext context) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(96);
		for (String part : new String[] { "mamori.vault.v1", context.subject().kind().code(), context.subject().id(),
				context.field(), context.rowId() }) {
			byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
			out.write(bytes.length >>> 8);
			out.write(bytes.length & 0xff);
			out.writeBytes(bytes);
		}
		return out.toByteArray();
	}

}
