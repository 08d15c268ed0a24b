package jp.mamori.identity.credentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One-time recovery codes for a customer who has lost the authenticator: ten of them, each ten Base32
 * characters (50 random bits), shown as {@code abcde-fghij}.
 *
 * <p>Security decision: a code is stored as SHA-256 of the account and the code. A fast hash is enough
 * because the codes are random with 50 bits each, not chosen by people; binding the account means a
 * hash copied to another account matches nothing.
 */
public final class RecoveryCodes {

	static final int COUNT = 10;

	private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

	private static final SecureRandom random = new SecureRandom();

	private RecoveryCodes() {
	}

	public static List<String> generate() {
		List<String> codes = new ArrayList<>(COUNT);
		for (int i = 0; i < COUNT; i++) {
			StringBuilder code = new StringBuilder(11);
			for (int c = 0; c < 10; c++) {
				if (c == 5) {
					code.append('-');
				}
				code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
			}
			codes.add(code.toString());
		}
		return codes;
	}

	/** @return the code as typed, without spaces or hyphens, in lower case */
	static String normalise(String typed) {
		return typed.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
	}

	public static byte[] hash(UUID account, String code) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(account.toString().getBytes(StandardCharsets.US_ASCII));
			digest.update((byte) 0);
			return digest.digest(normalise(code).getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

}
