package jp.mamori.identity.credentials;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

import org.springframework.util.Assert;

/**
 * RFC 6238 time-based one-time passwords as authenticator apps make them: HMAC-SHA-1, 6 digits,
 * 30-second steps.
 *
 * <p>Security decisions: a code is accepted for its own step and one step either side (clock drift
 * and typing time, no more), and only for a step later than the last one accepted, so no code,
 * and no code from an earlier step, is ever accepted twice. Codes are compared in constant time.
 */
public final class TotpCodes {

	public static final Duration STEP = Duration.ofSeconds(30);

	static final int DIGITS = 6;

	/** Steps accepted either side of the current one. */
	static final int WINDOW = 1;

	private static final String ALGORITHM = TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1;

	private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, DIGITS,
			ALGORITHM);

	/** @return the step that {@code at} falls in */
	static long step(Instant at) {
		return Math.floorDiv(at.getEpochSecond(), STEP.toSeconds());
	}

	/** @return the code for the step that {@code at} falls in, zero-padded to six ASCII digits */
	public String code(byte[] secret, Instant at) {
		Assert.isTrue(secret != null && secret.length > 0, "secret cannot be empty");
		try {
			int code = this.generator.generateOneTimePassword(new SecretKeySpec(secret, ALGORITHM), at);
			return String.format(Locale.ROOT, "%0" + DIGITS + "d", code);
		}
		catch (InvalidKeyException ex) {
			throw new IllegalStateException("an HMAC key of any length is valid", ex);
		}
	}

	/**
	 * @param lastStep the last step accepted for this secret, or {@code Long.MIN_VALUE} if none
	 * @return the step whose code {@code code} is, if it is within the window and after {@code lastStep}
	 */
	public OptionalLong accept(byte[] secret, String code, Instant now, long lastStep) {
		if (code == null || code.length() != DIGITS) {
			return OptionalLong.empty();
		}
		byte[] given = code.getBytes(StandardCharsets.US_ASCII);
		long current = step(now);
		for (long step = current - WINDOW; step <= current + WINDOW; step++) {
			byte[] expected = code(secret, Instant.ofEpochSecond(step * STEP.toSeconds()))
				.getBytes(StandardCharsets.US_ASCII);
			if (step > lastStep && MessageDigest.isEqual(expected, given)) {
				return OptionalLong.of(step);
			}
		}
		return OptionalLong.empty();
	}

}
