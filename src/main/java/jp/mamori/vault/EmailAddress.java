package jp.mamori.vault;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An e-mail address. Personal data: {@code toString()} shows only the masked form
 * ({@code t***@example.jp}). {@link #normalised()} is the form the blind index uses.
 */
public final class EmailAddress {

	private static final Pattern SHAPE = Pattern
		.compile("[^\\s@\"<>()\\[\\]\\\\,;:]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

	private final String value;

	private EmailAddress(String value) {
		String normalised = Masking.nfkc(value, "e-mail address");
		if (normalised.length() > 254 || !SHAPE.matcher(normalised).matches()) {
			throw new IllegalArgumentException("not an e-mail address");
		}
		this.value = normalised;
	}

	/** @throws IllegalArgumentException if it is not an e-mail address */
	public static EmailAddress of(String value) {
		return new EmailAddress(value);
	}

	/** @return the address as given (after NFKC) */
	public String value() {
		return this.value;
	}

	/** @return NFKC and lower case: equal for addresses a person would call equal */
	public String normalised() {
		return this.value.toLowerCase(Locale.ROOT);
	}

	/** @return e.g. {@code t***@example.jp} */
	public String masked() {
		int at = this.value.lastIndexOf('@');
		return this.value.substring(0, this.value.offsetByCodePoints(0, 1)) + "***" + this.value.substring(at);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof EmailAddress that && normalised().equals(that.normalised());
	}

	@Override
	public int hashCode() {
		return normalised().hashCode();
	}

	@Override
	public String toString() {
		return "EmailAddress[" + masked() + "]";
	}

}
