package jp.mamori.identity.credentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import jp.mamori.identity.CustomerId;

/**
 * The stored form of the six-digit codes mailed to customers (sign-in by e-mail code, confirming a new
 * e-mail address): a digest of the code bound to the account and a per-code salt, so that a stored
 * code is good for one account only and two equal codes never look alike.
 */
public final class OneTimeCodes {

	private OneTimeCodes() {
	}

	/** @return the stored form of {@code code}, mailed to {@code account}, with {@code salt} */
	public static byte[] hash(byte[] salt, CustomerId account, String code) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(salt);
			digest.update(account.toString().getBytes(StandardCharsets.US_ASCII));
			digest.update((byte) 0);
			return digest.digest(code.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** @return whether {@code code} matches {@code stored}, compared in constant time */
	public static boolean matches(byte[] stored, byte[] salt, CustomerId account, String code) {
		return code != null && MessageDigest.isEqual(hash(salt, account, code), stored);
	}

}
