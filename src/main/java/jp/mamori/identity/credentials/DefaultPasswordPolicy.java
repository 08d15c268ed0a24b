package jp.mamori.identity.credentials;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.nulabinc.zxcvbn.Zxcvbn;

import jp.mamori.identity.PasswordRefusedException;

import org.springframework.util.Assert;

/**
 * Mamori's password policy, checked in this order so that the first reason given is the most useful:
 * length, the account's own details, the common-password list, then zxcvbn's estimate. Any Unicode is
 * allowed; lengths count code points after NFKC, the form the hash is made of.
 */
final class DefaultPasswordPolicy implements PasswordPolicy {

	static final String TOO_SHORT = "identity.password.too-short";

	static final String TOO_LONG = "identity.password.too-long";

	static final String CONTAINS_USER_ID = "identity.password.contains-user-id";

	static final String CONTAINS_PERSONAL_DATA = "identity.password.contains-personal-data";

	static final String COMMON = "identity.password.common";

	static final String WEAK = "identity.password.weak";

	/** Parts shorter than this are too short to look for: a 2-letter ID would forbid half the alphabet. */
	private static final int MIN_CONTAINED_LENGTH = 3;

	/** zxcvbn's run time grows with length; beyond this a password's prefix is strength enough to judge. */
	private static final int ZXCVBN_MAX_INPUT = 100;

	private final IdentityProperties.Passwords settings;

	private final CommonPasswords common;

	private final Zxcvbn zxcvbn = new Zxcvbn();

	DefaultPasswordPolicy(IdentityProperties.Passwords settings, CommonPasswords common) {
		Assert.notNull(settings, "settings cannot be null");
		Assert.notNull(common, "common cannot be null");
		this.settings = settings;
		this.common = common;
	}

	@Override
	public Optional<PasswordRefusedException> check(String password, Context context) {
		Assert.notNull(password, "password cannot be null");
		Assert.notNull(context, "context cannot be null");
		String normalized = Normalizer.normalize(password, Normalizer.Form.NFKC);
		int length = normalized.codePointCount(0, normalized.length());
		if (length < this.settings.minLength()) {
			return refuse(TOO_SHORT, this.settings.minLength());
		}
		if (length > this.settings.maxLength()) {
			return refuse(TOO_LONG, this.settings.maxLength());
		}
		String folded = fold(normalized);
		if (contains(folded, context.userId())) {
			return refuse(CONTAINS_USER_ID);
		}
		for (String value : context.personalValues()) {
			if (contains(folded, value)) {
				return refuse(CONTAINS_PERSONAL_DATA);
			}
		}
		if (this.common.contains(normalized)) {
			return refuse(COMMON);
		}
		List<String> inputs = new ArrayList<>(context.personalValues());
		if (context.userId() != null) {
			inputs.add(context.userId());
		}
		String measured = (normalized.length() > ZXCVBN_MAX_INPUT) ? normalized.substring(0, ZXCVBN_MAX_INPUT)
				: normalized;
		if (this.zxcvbn.measure(measured, inputs).getScore() < this.settings.minScore()) {
			return refuse(WEAK);
		}
		return Optional.empty();
	}

	private static boolean contains(String foldedPassword, String value) {
		if (value == null) {
			return false;
		}
		String folded = fold(Normalizer.normalize(value, Normalizer.Form.NFKC));
		return folded.length() >= MIN_CONTAINED_LENGTH && foldedPassword.contains(folded);
	}

	private static String fold(String text) {
		return text.toLowerCase(Locale.ROOT);
	}

	private static Optional<PasswordRefusedException> refuse(String code, Object... arguments) {
		return Optional.of(new PasswordRefusedException(code, arguments));
	}

}
