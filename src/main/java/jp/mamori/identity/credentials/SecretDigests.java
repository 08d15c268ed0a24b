package jp.mamori.identity.credentials;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;

import jp.mamori.platform.HmacSha256;

import org.springframework.util.Assert;

/**
 * The stored form of the secrets identity hands out: mailed codes and link tokens, and session IDs.
 * Each is an HMAC-SHA256 under a key kept outside the database ({@link IdentityKeyFile}), over a
 * purpose tag and the secret's length-prefixed parts, so a digest made for one purpose never passes
 * for another.
 *
 * <p>Security decisions:
 * <ul>
 * <li>A reader of the database (a replica, a backup, an injection) sees only these digests; without
 * the key, guessing a six-digit code means asking Mamori itself, which throttles and counts every
 * try. A plain hash with a salt in the same row would fall to a million guesses in milliseconds.</li>
 * <li>A stored digest starts with the identifier of the key that made it (the first 8 bytes of a
 * SHA-256 over the key), so the key can rotate: retired keys still check what they made. Lookups by
 * equality try the digest under every key ({@link #candidates}).</li>
 * <li>Digests made before keys existed (a bare SHA-256) match nothing: those secrets live minutes to
 * hours, and their owners ask for new ones.</li>
 * <li>Neither a key nor a digest is logged or printed; {@link #toString()} names key ids only.</li>
 * </ul>
 */
public final class SecretDigests {

	/** Bytes of the key identifier in front of each stored digest. */
	public static final int KEY_ID_LENGTH = 8;

	private static final byte[] KEY_ID_DOMAIN = "mamori.identity.key-id.v1".getBytes(StandardCharsets.US_ASCII);

	private static final String ALGORITHM = "HmacSHA256";

	private final byte[] currentKeyId;

	/** Initialised prototypes by key id (hex), the current key first; each use works on a clone. */
	private final Map<String, Mac> prototypes = new LinkedHashMap<>();

	/**
	 * @param current the key new digests are made with, at least 32 bytes
	 * @param retired keys of earlier digests, still accepted when checking
	 */
	public SecretDigests(byte[] current, List<byte[]> retired) {
		Assert.isTrue(current != null && current.length >= 32, "the identity key must have at least 32 bytes");
		Assert.notNull(retired, "retired cannot be null");
		this.currentKeyId = keyIdOf(current);
		this.prototypes.put(hex(this.currentKeyId), init(current));
		for (byte[] key : retired) {
			this.prototypes.putIfAbsent(hex(keyIdOf(key)), init(key));
		}
	}

	/** @return the stored form of a secret under the current key: its key id, then the HMAC */
	public byte[] digest(String purpose, byte[]... parts) {
		return withKeyId(this.currentKeyId, mac(hex(this.currentKeyId), purpose, parts));
	}

	/** @return the stored forms of a secret under every key, the current key first, for lookups by equality */
	public List<byte[]> candidates(String purpose, byte[]... parts) {
		List<byte[]> candidates = new ArrayList<>();
		for (String keyId : this.prototypes.keySet()) {
			candidates.add(withKeyId(HexFormat.of().parseHex(keyId), mac(keyId, purpose, parts)));
		}
		return candidates;
	}

	/** @return whether the secret made of {@code parts} is the one stored as {@code stored}, in constant time */
	public boolean matches(byte[] stored, String purpose, byte[]... parts) {
		if (stored == null || stored.length <= KEY_ID_LENGTH) {
			return false;
		}
		String keyId = hex(Arrays.copyOf(stored, KEY_ID_LENGTH));
		if (!this.prototypes.containsKey(keyId)) {
			return false;
		}
		byte[] expected = withKeyId(Arrays.copyOf(stored, KEY_ID_LENGTH), mac(keyId, purpose, parts));
		return MessageDigest.isEqual(expected, stored);
	}

	/**
	 * @return the HMAC under the current key alone, without a key id: for a value that must be the same
	 * on every lookup and may be lost when the key rotates (session IDs)
	 */
	public byte[] currentMac(String purpose, byte[]... parts) {
		return mac(hex(this.currentKeyId), purpose, parts);
	}

	private byte[] mac(String keyId, String purpose, byte[]... parts) {
		Mac mac;
		try {
			mac = (Mac) this.prototypes.get(keyId).clone();
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException("HmacSHA256 instances of the Java runtime can be cloned", ex);
		}
		put(mac, purpose.getBytes(StandardCharsets.US_ASCII));
		for (byte[] part : parts) {
			put(mac, part);
		}
		return mac.doFinal();
	}

	private static void put(Mac mac, byte[] part) {
		mac.update(ByteBuffer.allocate(4).putInt(part.length).array());
		mac.update(part);
	}

	private static byte[] withKeyId(byte[] keyId, byte[] mac) {
		return ByteBuffer.allocate(keyId.length + mac.length).put(keyId).put(mac).array();
	}

	private static Mac init(byte[] key) {
		return HmacSha256.keyed(key);
	}

	static byte[] keyIdOf(byte[] key) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(KEY_ID_DOMAIN);
			return Arrays.copyOf(digest.digest(key), KEY_ID_LENGTH);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	@Override
	public String toString() {
		return "SecretDigests[currentKeyId=" + hex(this.currentKeyId) + ", keys=" + this.prototypes.size() + "]";
	}

}
