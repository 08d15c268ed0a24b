package jp.mamori.identity.credentials;

import java.nio.charset.StandardCharsets;

import jp.mamori.identity.CustomerId;

import org.springframework.util.Assert;

/**
 * The stored form of the six-digit codes mailed to customers (sign-in by e-mail code, confirming a new
 * e-mail address): an HMAC under identity's key ({@link SecretDigests}) of the code bound to the
 * account and a per-code salt, so that a stored code is good for one account only and two equal codes
 * never look alike.
 *
 * <p>Security decision: the key is kept outside the database, so a reader of the database cannot test
 * the million possible codes against a stored one; a code stored before the key (a bare SHA-256) never
 * matches, and its owner asks for a new one.
 */
public final class OneTimeCodes {

	private static final String PURPOSE = "mamori.identity.one-time-code.v1";

	private final SecretDigests digests;

	public OneTimeCodes(SecretDigests digests) {
		Assert.notNull(digests, "digests cannot be null");
		this.digests = digests;
	}

	/** @return the stored form of {@code code}, mailed to {@code account}, with {@code salt} */
	public byte[] hash(byte[] salt, CustomerId account, String code) {
		return this.digests.digest(PURPOSE, salt, parts(account, code));
	}

	/** @return whether {@code code} matches {@code stored}, compared in constant time */
	public boolean matches(byte[] stored, byte[] salt, CustomerId account, String code) {
		return code != null && this.digests.matches(stored, PURPOSE, salt, parts(account, code));
	}

	private static byte[] parts(CustomerId account, String code) {
		return (account.toString() + "\0" + code).getBytes(StandardCharsets.UTF_8);
	}

}
