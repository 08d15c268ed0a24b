package jp.mamori.audit.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.HexFormat;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

import org.springframework.util.Assert;

/**
 * Signs and checks checkpoints of the chain with an Ed25519 key kept outside the database.
 *
 * <p>Security decision: the database holds only signatures, so someone with full rights on the
 * database (even the superuser) can rebuild a consistent chain but cannot sign a checkpoint for it;
 * {@code verify} then finds the rebuilt chain disagreeing with the last genuine checkpoint. The signed
 * message binds the sequence number, the chain hash, the watermark and the time under a domain tag, so
 * a signature cannot be moved to another checkpoint.
 */
final class CheckpointSigner {

	private static final byte[] DOMAIN = "mamori.audit.checkpoint.v1".getBytes(StandardCharsets.US_ASCII);

	/** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), followed by the 32-byte key. */
	private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

	private final PrivateKey privateKey;

	private final PublicKey publicKey;

	private final String keyId;

	CheckpointSigner(PrivateKey privateKey) {
		Assert.isTrue(privateKey instanceof EdECPrivateKey, "the audit signing key must be an Ed25519 key");
		this.privateKey = privateKey;
		this.publicKey = publicKeyOf((EdECPrivateKey) privateKey);
		this.keyId = keyIdOf(this.publicKey);
	}

	/** @return a short identifier of the key: the first 8 bytes of SHA-256 over its public key, in hex */
	String keyId() {
		return this.keyId;
	}

	byte[] sign(long seq, byte[] chainHash, long watermark, Instant createdAt) {
		try {
			Signature signature = Signature.getInstance("Ed25519");
			signature.initSign(this.privateKey);
			signature.update(message(seq, chainHash, watermark, createdAt, this.keyId));
			return signature.sign();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not sign an operation-log checkpoint", ex);
		}
	}

	/**
	 * Security decision: a checkpoint signed by any other key (unknown key id) is invalid; a key
	 * rotation must keep verifying old checkpoints with the old public key (not yet needed).
	 */
	boolean verify(long seq, byte[] chainHash, long watermark, Instant createdAt, String keyId, byte[] signature) {
		if (!this.keyId.equals(keyId) || signature == null) {
			return false;
		}
		try {
			Signature verifier = Signature.getInstance("Ed25519");
			verifier.initVerify(this.publicKey);
			verifier.update(message(seq, chainHash, watermark, createdAt, keyId));
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	private static byte[] message(long seq, byte[] chainHash, long watermark, Instant createdAt, String keyId) {
		byte[] key = keyId.getBytes(StandardCharsets.US_ASCII);
		ByteBuffer buffer = ByteBuffer.allocate(DOMAIN.length + 8 + 4 + chainHash.length + 8 + 8 + 4 + key.length);
		buffer.put(DOMAIN).putLong(seq).putInt(chainHash.length).put(chainHash).putLong(watermark);
		buffer.putLong(micros(createdAt)).putInt(key.length).put(key);
		return buffer.array();
	}

	static long micros(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
	}

	private static PublicKey publicKeyOf(EdECPrivateKey key) {
		// The JDK cannot derive an EdDSA public key from the private one; Bouncy Castle can.
		byte[] seed = key.getBytes().orElseThrow(() -> new IllegalArgumentException("the key has no key bytes"));
		byte[] raw = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
		byte[] encoded = new byte[X509_PREFIX.length + raw.length];
		System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
		System.arraycopy(raw, 0, encoded, X509_PREFIX.length, raw.length);
		try {
			return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String keyIdOf(PublicKey key) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
			return HexFormat.of().formatHex(hash, 0, 8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "CheckpointSigner[keyId=" + this.keyId + "]";
	}

}
