package jp.mamori.audit.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;

import jp.mamori.platform.HmacSha256;

import org.springframework.util.Assert;

/**
 * The MAC every entry carries: HMAC-SHA256, with a key kept outside the database, over a
 * domain-tagged encoding of the entry's fields as the writer knows them (everything but the database's
 * own {@code id} and {@code txid}) and the key's identifier.
 *
 * <p>Security decision: the database's roles can insert rows into {@code audit_entry} (the
 * application must), but without the key they cannot make a row that passes as written by Mamori. The
 * sealer does not chain an entry whose MAC fails, and {@code verify} reports it. Keys are identified by
 * the first 8 bytes of a SHA-256 over them, stored with each entry; retired keys stay here to check the
 * entries they made.
 */
final class EntryMac {

	private static final byte[] DOMAIN = "mamori.audit.entry-mac.v1".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] KEY_ID_DOMAIN = "mamori.audit.mac-key-id.v1".getBytes(StandardCharsets.US_ASCII);

	private static final String ALGORITHM = "HmacSHA256";

	private final String currentKeyId;

	/** Initialised prototypes by key id, the current key first; each use works on a clone. */
	private final Map<String, Mac> prototypes = new LinkedHashMap<>();

	/**
	 * @param current the key new entries are written with
	 * @param retired keys of earlier entries, still accepted when checking
	 */
	EntryMac(byte[] current, List<byte[]> retired) {
		Assert.isTrue(current != null && current.length >= 32, "the MAC key must have at least 32 bytes");
		this.currentKeyId = keyIdOf(current);
		this.prototypes.put(this.currentKeyId, init(current));
		for (byte[] key : retired) {
			this.prototypes.putIfAbsent(keyIdOf(key), init(key));
		}
	}

	String currentKeyId() {
		return this.currentKeyId;
	}

	/** @return the MAC of a new entry under the current key */
	byte[] sign(UUID uuid, long occurredAtMicros, String actorKind, String actorId, String action, String subject,
			String purpose, String details) {
		return compute(clone(this.currentKeyId), this.currentKeyId, uuid, occurredAtMicros, actorKind, actorId, action,
				subject, purpose, details);
	}

	/** @return a checker for many entries on one thread (it reuses its MAC instances) */
	Checker checker() {
		return new Checker();
	}

	private static byte[] compute(Mac mac, String keyId, UUID uuid, long occurredAtMicros, String actorKind,
			String actorId, String action, String subject, String purpose, String details) {
		mac.update(DOMAIN);
		ByteBuffer numbers = ByteBuffer.allocate(24);
		numbers.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).putLong(occurredAtMicros);
		mac.update(numbers.array());
		for (String text : new String[] { actorKind, actorId, action, subject, purpose, details, keyId }) {
			putText(mac, text);
		}
		return mac.doFinal();
	}

	private static void putText(Mac mac, String value) {
		ByteBuffer length = ByteBuffer.allocate(4);
		if (value == null) {
			mac.update(length.putInt(-1).array());
			return;
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		mac.update(length.putInt(bytes.length).array());
		mac.update(bytes);
	}

	private Mac clone(String keyId) {
		try {
			return (Mac) this.prototypes.get(keyId).clone();
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("HmacSHA256 instances of the Java runtime can be cloned", ex);
		}
	}

	private static Mac init(byte[] key) {
		return HmacSha256.keyed(key);
	}

	static String keyIdOf(byte[] key) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(KEY_ID_DOMAIN);
			return HexFormat.of().formatHex(digest.digest(key), 0, 8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "EntryMac[currentKeyId=" + this.currentKeyId + ", keys=" + this.prototypes.size() + "]";
	}

	/** Checks entries' MACs on one thread. */
	final class Checker {

		private final Map<String, Mac> macs = new LinkedHashMap<>();

		/** @return whether the entry carries a valid MAC under a known key */
		boolean authentic(ChainHashes.StoredEntry entry) {
			if (entry.mac() == null || entry.macKeyId() == null || !EntryMac.this.prototypes.containsKey(entry.macKeyId())) {
				return false;
			}
			Mac mac = this.macs.computeIfAbsent(entry.macKeyId(), EntryMac.this::clone);
			byte[] expected = compute(mac, entry.macKeyId(), entry.uuid(), entry.occurredAtMicros(), entry.actorKind(),
					entry.actorId(), entry.action(), entry.subject(), entry.purpose(), entry.details());
			return MessageDigest.isEqual(expected, entry.mac());
		}

	}

}
