package jp.mamori.vault;

import java.text.Normalizer;

/** Shared checks of the value types. */
final class Masking {

	static final String STARS = "****";

	private Masking() {
	}

	static String nfkc(String value, String what) {
		if (value == null) {
			throw new IllegalArgumentException(what + " is required");
		}
		return Normalizer.normalize(value, Normalizer.Form.NFKC).strip();
	}

	/** A required line of text: not blank, not too long, no control characters. */
	static String line(String value, String what, int maxLength) {
		String normalised = nfkc(value, what);
		if (normalised.isEmpty() || normalised.codePointCount(0, normalised.length()) > maxLength) {
			throw new IllegalArgumentException(what + " must be 1 to " + maxLength + " characters");
		}
		if (normalised.codePoints().anyMatch(Character::isISOControl)) {
			throw new IllegalArgumentException(what + " must not contain control characters");
		}
		return normalised;
	}

	static String digits(String value, String what, int count) {
		String normalised = nfkc(value, what).replace("-", "");
		if (!normalised.matches("[0-9]{" + count + "}")) {
			throw new IllegalArgumentException(what + " must be " + count + " digits");
		}
		return normalised;
	}

	/** Katakana (NFKC turns half-width kana into full-width), long vowel mark, middle dot, spaces. */
	static String kana(String value, String what, int maxLength) {
		String normalised = line(value, what, maxLength);
		if (!normalised.matches("[\\p{IsKatakana}\\p{IsHiragana}ー・ 　]+")) {
			throw new IllegalArgumentException(what + " must be written in kana");
		}
		return normalised;
	}

}
