package jp.mamori.platform;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256, the keyed digest Mamori uses wherever a stored value must not be recomputable without a key. */
public final class HmacSha256 {

	/** The JCA name of the algorithm. */
	public static final String ALGORITHM = "HmacSHA256";

	private HmacSha256() {
	}

	/** @return a new MAC keyed with {@code key}; not thread-safe, so one per use (or a clone of it) */
	public static Mac keyed(byte[] key) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(new SecretKeySpec(key, ALGORITHM));
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
		}
	}

}
