package jp.mamori.platform;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Finds payment-card numbers in text: 13 to 19 digits that pass the Luhn check, however they are
 * written. One pass over the text, two small buffers, no copy unless the text holds non-ASCII.
 *
 * <p>The rules (security decision; docs/security-controls.md lists the tests):
 * <ul>
 * <li><b>Digits</b> are read by code point after NFKC: every decimal digit of every script (ASCII,
 * full-width, Arabic-Indic, Devanagari, mathematical bold U+1D7CE…, circled ①, …).</li>
 * <li><b>Joiners</b>: between two digit groups, one to three code points of whitespace (Z*, tab, line
 * breaks), invisible format characters (Cf, e.g. a zero-width space), punctuation (P*: hyphens and
 * dashes of every kind, dots, slashes, underscores, commas, colons, quotes…) or math and modifier
 * symbols (Sm, Sk: {@code + = | ~ ^}). Letters, currency signs and anything else end a number.</li>
 * <li><b>Segments</b>: groups joined by joiners of one kind (all whitespace, all dashes, or the same
 * punctuation) form a segment, so "090-1234-5678 090-8765-4321" is two phone numbers. A segment of
 * 13–19 digits is checked whole, and so are the groups at its start and at its end that add up to
 * 13–19 digits: a card number followed by its security code or expiry, or preceded by a label
 * number, is found. A segment of thousands ({@code 12,345,678} or {@code 1.234.567}) is an amount.</li>
 * <li><b>Mixed joiners</b> ("4111 1111-1111.1111 123") make one number only from the start of the run
 * and only in the printed shape of a card: groups of four (the last may be shorter), or 4-6-5 / 4-6-4;
 * so dates, times and a postal code next to a phone number are not read as one.</li>
 * <li>A group of more than 19 digits is no card number; Mamori's identifiers are UUIDs, whose 8-4-4-4-12
 * shape is not read as a number even when its hexadecimal groups happen to be all digits.</li>
 * </ul>
 * Any 13–19-digit number passes the Luhn check one time in ten, so Mamori's own identifiers are never
 * long runs of digits.
 */
public final class CardNumbers {

	static final int MIN_DIGITS = 13;

	static final int MAX_DIGITS = 19;

	private static final Pattern UUID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private static final int UUID_LENGTH = 36;

	private static final int MAX_JOINER = 3;

	/** Digits and group starts are kept in rings of this size: more than any window looks back. */
	private static final int RING = 32;

	private static final int MASK = RING - 1;

	private CardNumbers() {
	}

	/** @return whether {@code text} contains something that is very likely a card number */
	public static boolean containsCardNumber(CharSequence text) {
		if (text == null || text.length() < MIN_DIGITS) {
			return false;
		}
		if (!isAscii(text)) {
			text = Normalizer.normalize(text, Normalizer.Form.NFKC);
		}
		if (text.length() >= UUID_LENGTH && UUID.matcher(text).find()) {
			// Mamori's identifiers are UUIDs; hex groups that happen to be all digits are not a card.
			text = UUID.matcher(text).replaceAll("uuid");
		}
		return new Scan().finds(text);
	}

	private static boolean isAscii(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) >= 128) {
				return false;
			}
		}
		return true;
	}

	/** @return the digit's value, or -1 if {@code cp} is no decimal digit */
	static int digitValue(int cp) {
		if (cp >= '0' && cp <= '9') {
			return cp - '0';
		}
		return (cp >= 128 && Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) ? Character.digit(cp, 10) : -1;
	}

	/** @return the joiner kind of {@code cp} (whitespace and dashes each one kind), or -1 if it joins nothing */
	static int joinerKind(int cp) {
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
			return ' ';
		}
		if (cp == '-') {
			return '-';
		}
		if (cp < 128) {
			return (cp > ' ' && cp < 127 && !Character.isLetterOrDigit(cp) && cp != '$') ? cp : -1;
		}
		return switch (Character.getType(cp)) {
			case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.FORMAT -> ' ';
			case Character.DASH_PUNCTUATION -> '-';
			case Character.MATH_SYMBOL -> (cp == '\u2212') ? '-' : cp;
			case Character.CONNECTOR_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
					Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
					Character.OTHER_PUNCTUATION, Character.MODIFIER_SYMBOL -> cp;
			// The katakana prolonged sound mark is written as a dash in Japanese numbers.
			default -> (cp == '\u30FC' || cp == '\uFF70') ? '-' : -1;
		};
	}

	/** The Luhn (mod 10) check over the digits with global indexes {@code [from, to)} of a ring. */
	static boolean luhn(int[] ring, int from, int to) {
		int sum = 0;
		boolean doubled = false;
		for (int k = to - 1; k >= from; k--) {
			int d = ring[k & MASK];
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

	private static boolean isWindow(int length) {
		return length >= MIN_DIGITS && length <= MAX_DIGITS;
	}

	/** One pass over a text: runs of digit groups, their segments and the windows worth a Luhn check. */
	private static final class Scan {

		private final int[] digits = new int[RING];

		private final int[] groupStarts = new int[RING];

		/** Digits in this run so far: the global index of the next digit. */
		private int count;

		/** Groups in this run so far. */
		private int groups;

		private int segmentFirst;

		private long segmentKind;

		private boolean segmentThousands;

		/** Whether every group of the run so far had four digits. */
		private boolean fours;

		boolean finds(CharSequence text) {
			int length = text.length();
			int i = 0;
			while (i < length) {
				int cp = Character.codePointAt(text, i);
				if (digitValue(cp) < 0) {
					i += Character.charCount(cp);
					continue;
				}
				this.count = 0;
				this.groups = 0;
				this.segmentFirst = 0;
				this.segmentKind = 0;
				this.fours = true;
				while (true) {
					this.groupStarts[this.groups & MASK] = this.count;
					this.groups++;
					int d;
					while (i < length && (d = digitValue(cp = Character.codePointAt(text, i))) >= 0) {
						this.digits[this.count & MASK] = d;
						this.count++;
						i += Character.charCount(cp);
					}
					if (groupEnded()) {
						return true;
					}
					int j = i;
					long kind = 0;
					int joiners = 0;
					int k;
					while (j < length && joiners < MAX_JOINER && (k = joinerKind(cp = Character.codePointAt(text, j))) >= 0) {
						kind = (kind << 21) | k;
						joiners++;
						j += Character.charCount(cp);
					}
					if (joiners == 0 || j >= length || digitValue(Character.codePointAt(text, j)) < 0) {
						if (segmentEnded()) {
							return true;
						}
						break;
					}
					if (this.segmentKind != 0 && kind != this.segmentKind) {
						if (segmentEnded()) {
							return true;
						}
						// The group before this joiner begins the next segment as well.
						this.segmentFirst = this.groups - 1;
						this.segmentThousands = groupLength(this.groups - 1) <= 3;
					}
					this.segmentKind = kind;
					i = j;
				}
			}
			return false;
		}

		private int groupLength(int group) {
			int end = (group == this.groups - 1) ? this.count : this.groupStarts[(group + 1) & MASK];
			return end - this.groupStarts[group & MASK];
		}

		/**
		 * A group ended: check the groups from the segment's start, and from the run's start when the
		 * run so far has a card's printed shape whatever its joiners.
		 */
		private boolean groupEnded() {
			int last = this.groups - 1;
			int length = groupLength(last);
			if (last == this.segmentFirst) {
				this.segmentThousands = length <= 3;
			}
			else {
				this.segmentThousands &= length == 3 && (this.segmentKind == ',' || this.segmentKind == '.');
			}
			boolean cardShaped = (this.fours && length <= 4)
					|| (last == 2 && groupLength(0) == 4 && groupLength(1) == 6 && (length == 5 || length == 4));
			this.fours &= length == 4;
			if (cardShaped && isWindow(this.count) && luhn(this.digits, 0, this.count)) {
				return true;
			}
			if (this.segmentThousands || this.groups - this.segmentFirst > MAX_DIGITS) {
				return false;
			}
			int start = this.groupStarts[this.segmentFirst & MASK];
			return isWindow(this.count - start) && luhn(this.digits, start, this.count);
		}

		/** The segment ended: check the groups at its end. */
		private boolean segmentEnded() {
			if (this.segmentThousands) {
				return false;
			}
			for (int g = this.groups - 1; g > this.segmentFirst; g--) {
				int length = this.count - this.groupStarts[g & MASK];
				if (length > MAX_DIGITS) {
					return false;
				}
				if (isWindow(length) && luhn(this.digits, this.count - length, this.count)) {
					return true;
				}
			}
			return false;
		}

	}

}
