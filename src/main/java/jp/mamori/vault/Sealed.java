package jp.mamori.vault;

import java.util.Arrays;

import org.springframework.util.Assert;

/**
 * A sealed value as it is stored: AES-256-GCM ciphertext and the reference of the key that sealed
 * it. Store both; the reference lets rotation find values still under an old key. Never prints the
 * ciphertext.
 */
public final class Sealed {

	private final byte[] ciphertext;

	private final String keyReference;

	private Sealed(byte[] ciphertext, String keyReference) {
		Assert.isTrue(ciphertext != null && ciphertext.length > 0, "ciphertext cannot be empty");
		Assert.hasText(keyReference, "keyReference cannot be empty");
		this.ciphertext = ciphertext.clone();
		this.keyReference = keyReference;
	}

	/** Rebuild a sealed value from its stored columns. */
	public static Sealed of(byte[] ciphertext, String keyReference) {
		return new Sealed(ciphertext, keyReference);
	}

	/** @return a copy of the ciphertext, for storing in a {@code bytea} column */
	public byte[] ciphertext() {
		return this.ciphertext.clone();
	}

	/** @return e.g. {@code customer:42/5f0a1b2c}: the subject and the key's identifier in its keyset */
	public String keyReference() {
		return this.keyReference;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Sealed that && this.keyReference.equals(that.keyReference)
				&& Arrays.equals(this.ciphertext, that.ciphertext);
	}

	@Override
	public int hashCode() {
		return 31 * this.keyReference.hashCode() + Arrays.hashCode(this.ciphertext);
	}

	@Override
	public String toString() {
		return "Sealed[key=" + this.keyReference + ", " + this.ciphertext.length + " bytes]";
	}

}
