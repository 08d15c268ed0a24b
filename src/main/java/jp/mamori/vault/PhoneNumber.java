package jp.mamori.vault;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

/**
 * A Japanese phone number, validated with libphonenumber. Personal data: {@code toString()} shows
 * only the masked form ({@code 090-****-5678}). {@link #e164()} is the form the blind index uses.
 */
public final class PhoneNumber {

	private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

	private final Phonenumber.PhoneNumber number;

	private PhoneNumber(String value) {
		String normalised = Masking.nfkc(value, "phone number");
		try {
			this.number = PHONES.parse(normalised, "JP");
		}
		catch (NumberParseException ex) {
			throw new IllegalArgumentException("not a phone number");
		}
		if (!PHONES.isValidNumberForRegion(this.number, "JP")) {
			throw new IllegalArgumentException("not a Japanese phone number");
		}
	}

	/** @param value national ({@code 090-1234-5678}) or international ({@code +81 90 1234 5678}) form */
	public static PhoneNumber of(String value) {
		return new PhoneNumber(value);
	}

	/** @return e.g. {@code +819012345678} */
	public String e164() {
		return PHONES.format(this.number, PhoneNumberUtil.PhoneNumberFormat.E164);
	}

	/** @return e.g. {@code 090-1234-5678} */
	public String national() {
		return PHONES.format(this.number, PhoneNumberUtil.PhoneNumberFormat.NATIONAL);
	}

	/** @return the national form with every group but the first and last starred, e.g. {@code 090-****-5678} */
	public String masked() {
		String[] groups = national().split("-");
		if (groups.length < 3) {
			String digits = national().replaceAll("[^0-9]", "");
			return digits.substring(0, 2) + Masking.STARS + digits.substring(digits.length() - 2);
		}
		StringBuilder masked = new StringBuilder(groups[0]);
		for (int i = 1; i < groups.length - 1; i++) {
			masked.append('-').append("*".repeat(groups[i].length()));
		}
		return masked.append('-').append(groups[groups.length - 1]).toString();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof PhoneNumber that && e164().equals(that.e164());
	}

	@Override
	public int hashCode() {
		return e164().hashCode();
	}

	@Override
	public String toString() {
		return "PhoneNumber[" + masked() + "]";
	}

}
