package jp.mamori.platform;

/**
 * Finds payment-card numbers in text: 13 to 19 digits that pass the Luhn check, written plainly,
 * with spaces or hyphens between groups, or in full-width (or any other Unicode) digits.
 *
 * <p>A number is a run of digit groups joined by single separators of one kind (all spaces or all
 * hyphens), so that "090-1234-5678 090-8765-4321" is two phone numbers, not one long number. A run
 * of 13 to 19 digits is checked whole; a run of several groups is also checked on the groups at its
 * start and at its end, which finds a card number followed by its security code or preceded by a
 * label number. A single unbroken run of more than 19 digits is not a card number.
 *
 * <p>Any 13–19-digit number passes the Luhn check one time in ten, so Mamori's own identifiers are
 * never long runs of digits; they are UUIDs, whose 8-4-4-4-12 shape is not read as a number even
 * when some of its hexadecimal groups happen to be all digits.
 */
public final class CardNumbers {

	static final int MIN_DIGITS = 13;

	static final int MAX_DIGITS = 19;

	private static final java.util.regex.Pattern UUID = java.util.regex.Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private static final int UUID_LENGTH = 36;

	private static final int NONE = 0;

	private static final int SPACE = 1;

	private static final int HYPHEN = 2;

	private CardNumbers() {
	}

	/** @return whether {@code text} contains something that is very likely a card number */
	public static boolean containsCardNumber(CharSequence text) {
		if (text == null || text.length() < MIN_DIGITS) {
			return false;
		}
		if (text.length() >= UUID_LENGTH && UUID.matcher(text).find()) {
			// Mamori's identifiers are UUIDs; hex groups that happen to be all digits are not a card.
			text = UUID.matcher(text).replaceAll("uuid");
		}
		int length = text.length();
		int[] digits = new int[64];
		int[] groupEnds = new int[32];
		int i = 0;
		while (i < length) {
			if (digitValue(text.charAt(i)) < 0) {
				i++;
				continue;
			}
			// A run starts here: collect its groups.
			int digitCount = 0;
			int groupCount = 0;
			int separatorKind = NONE;
			boolean tooLong = false;
			while (i < length) {
				int value = digitValue(text.charAt(i));
				if (value >= 0) {
					if (digitCount == digits.length) {
						tooLong = true;
					}
					else {
						digits[digitCount] = value;
					}
					digitCount++;
					i++;
					continue;
				}
				int kind = separatorKind(text.charAt(i));
				boolean joins = kind != NONE && (separatorKind == NONE || separatorKind == kind) && i + 1 < length
						&& digitValue(text.charAt(i + 1)) >= 0;
				if (!joins) {
					break;
				}
				if (groupCount < groupEnds.length) {
					groupEnds[groupCount++] = Math.min(digitCount, digits.length);
				}
				separatorKind = kind;
				i++;
			}
			if (groupCount < groupEnds.length) {
				groupEnds[groupCount++] = Math.min(digitCount, digits.length);
			}
			if (!tooLong && runHasCardNumber(digits, digitCount, groupEnds, groupCount)) {
				return true;
			}
		}
		return false;
	}

	private static boolean runHasCardNumber(int[] digits, int digitCount, int[] groupEnds, int groupCount) {
		if (digitCount < MIN_DIGITS) {
			return false;
		}
		if (digitCount <= MAX_DIGITS && luhn(digits, 0, digitCount)) {
			return true;
		}
		if (groupCount < 2) {
			return false;
		}
		// Groups from the start of the run, then groups up to its end.
		for (int last = 0; last < groupCount - 1; last++) {
			int end = groupEnds[last];
			if (end >= MIN_DIGITS && end <= MAX_DIGITS && luhn(digits, 0, end)) {
				return true;
			}
		}
		for (int first = 1; first < groupCount; first++) {
			int start = groupEnds[first - 1];
			int count = digitCount - start;
			if (count >= MIN_DIGITS && count <= MAX_DIGITS && luhn(digits, start, digitCount)) {
				return true;
			}
		}
		return false;
	}

	/** The Luhn (mod 10) check over {@code digits[from, to)}. */
	static boolean luhn(int[] digits, int from, int to) {
		int sum = 0;
		boolean doubled = false;
		for (int k = to - 1; k >= from; k--) {
			int d = digits[k];
			if (doubled) {
				d *= 2;
				if (d > 9) {
					d -= 9;
				}
			}
			sum += d;
			doubled = !doubled;
		}
		return sum % 10 == 0;
	}

	private static int digitValue(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		return (c > 127 && Character.isDigit(c)) ? Character.digit(c, 10) : -1;
	}

	private static int separatorKind(char c) {
		return switch (c) {
			case ' ', '\u00A0', '\u3000' -> SPACE;
			case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\uFF0D', '\u30FC', '\uFF70' ->
				HYPHEN;
			default -> NONE;
		};
	}

}
