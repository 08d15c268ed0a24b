package jp.mamori.identity.credentials;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import jp.mamori.identity.InvalidUserIdException;

/**
 * User IDs are login names the customer picks. They are compared in one canonical form, NFKC then
 * lower case, so that {@code ＴＡＲＯ} and {@code taro} are one ID and nobody can register a
 * look-alike by changing width or case.
 */
public final class UserIds {

	/** The longest user ID, in code points. */
	public static final int MAX_LENGTH = 64;

	/** Letters and digits of any script, and {@code . _ -}; no {@code @}, so no ID is an e-mail address. */
	private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}\\p{M}._-]{2,63}");

	private UserIds() {
	}

	/** @return the canonical form used for lookup; any string is accepted, as typed at sign-in */
	public static String key(String userId) {
		return Normalizer.normalize(userId, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
	}

	/**
	 * @return the NFKC form to keep as the customer wrote it
	 * @throws InvalidUserIdException if it cannot be a user ID
	 */
	public static String validate(String userId) {
		if (userId == null || userId.isBlank()) {
			throw new InvalidUserIdException("The user ID is empty");
		}
		String normalized = Normalizer.normalize(userId, Normalizer.Form.NFKC);
		if (normalized.codePointCount(0, normalized.length()) > MAX_LENGTH || !ALLOWED.matcher(normalized).matches()) {
			throw new InvalidUserIdException(
					"A user ID is 3 to 64 letters or digits, which may include '.', '_' and '-' after the first");
		}
		return normalized;
	}

}
