package jp.mamori.platform.web;

/**
 * The rule for every text input Mamori reads (JSON strings, form and query parameters, path
 * variables): no C0 control character (U+0000–U+001F), no DEL and no C1 control (U+007F–U+009F), no
 * lone surrogate. TAB, LF and CR, and the Unicode line and paragraph separators, only in fields
 * declared {@link MultilineText}. PostgreSQL refuses NUL in text; the others forge log lines and mail
 * headers, hide text on screens and confuse comparisons, and no form field has a use for them.
 */
final class TextInput {

	private TextInput() {
	}

	/** What is wrong with a value, if anything. */
	enum Fault {

		/** A character no field may hold. */
		CONTROL,

		/** A line break or TAB in a single-line field. */
		LINE_BREAK

	}

	/** @return the first fault of {@code value}, or {@code null} if it is acceptable */
	static Fault check(CharSequence value, boolean multiline) {
		if (value == null) {
			return null;
		}
		int length = value.length();
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c == '\t' || c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
				if (!multiline) {
					return Fault.LINE_BREAK;
				}
			}
			else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
				return Fault.CONTROL;
			}
			else if (Character.isHighSurrogate(c)) {
				if (i + 1 >= length || !Character.isLowSurrogate(value.charAt(i + 1))) {
					return Fault.CONTROL;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return Fault.CONTROL;
			}
		}
		return null;
	}

	/** @return whether {@code value} holds a character that no field may hold, multi-line or not */
	static boolean forbiddenEverywhere(CharSequence value) {
		return check(value, true) != null;
	}

}
