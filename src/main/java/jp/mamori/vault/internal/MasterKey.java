package jp.mamori.vault.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;

import org.springframework.util.Assert;

/**
 * The key-encryption key (AES-256-GCM) that wraps every subject's key-encryption key and the index
 * key; never used on personal data itself. Wrapped blobs start with a version byte and the 4-byte
 * identifier of the master key that wrapped them, so previous master keys keep unwrapping during a
 * master-key rotation while the current one wraps everything new.
 */
final class MasterKey implements Aead {

	private static final byte VERSION = 1;

	private static final int HEADER = 5;

	private final int currentId;

	private final Map<Integer, Aead> keys = new LinkedHashMap<>();

	/**
	 * @param current the current master key's 32 bytes
	 * @param previous earlier master keys still needed to unwrap what is not yet re-wrapped
	 */
	MasterKey(byte[] current, List<byte[]> previous, InsecurePlaintextAccess access) {
		Assert.notNull(access, "access cannot be null");
		this.currentId = add(current);
		previous.forEach(this::add);
	}

	private int add(byte[] key) {
		Assert.isTrue(key != null && key.length == 32, "a master key is 32 bytes (AES-256)");
		int id = idOf(key);
		try {
			this.keys.putIfAbsent(id, new AesGcmJce(key));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-GCM is unavailable", ex);
		}
		return id;
	}

	/** A public identifier: the first bytes of a domain-separated SHA-256 of the key. */
	static int idOf(byte[] key) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update("mamori.vault.master-key-id".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			return ByteBuffer.wrap(sha.digest(key)).getInt();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	int currentId() {
		return this.currentId;
	}

	/** @return whether the blob was wrapped by the current master key */
	boolean isCurrent(byte[] wrapped) {
		return wrapped.length > HEADER && wrapped[0] == VERSION && ByteBuffer.wrap(wrapped, 1, 4).getInt() == this.currentId;
	}

	@Override
	public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
		byte[] ciphertext = this.keys.get(this.currentId).encrypt(plaintext, associatedData);
		return ByteBuffer.allocate(HEADER + ciphertext.length)
			.put(VERSION)
			.putInt(this.currentId)
			.put(ciphertext)
			.array();
	}

	@Override
	public byte[] decrypt(byte[] wrapped, byte[] associatedData) throws GeneralSecurityException {
		if (wrapped.length <= HEADER || wrapped[0] != VERSION) {
			throw new GeneralSecurityException("not a wrapped key of this format");
		}
		int id = ByteBuffer.wrap(wrapped, 1, 4).getInt();
		Aead key = this.keys.get(id);
		if (key == null) {
			throw new GeneralSecurityException("wrapped by master key " + Integer.toHexString(id)
					+ ", which is not configured (MAMORI_PREVIOUS_MASTER_KEYS)");
		}
		return key.decrypt(Arrays.copyOfRange(wrapped, HEADER, wrapped.length), associatedData);
	}

	@Override
	public String toString() {
		return "MasterKey[current=" + Integer.toHexString(this.currentId) + ", keys=" + this.keys.size() + "]";
	}

}
