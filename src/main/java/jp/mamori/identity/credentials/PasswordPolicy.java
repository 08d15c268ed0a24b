package jp.mamori.identity.credentials;

import java.util.List;
import java.util.Optional;

import jp.mamori.identity.PasswordRefusedException;

/**
 * Decides whether a password may be set. NIST SP 800-63B rules: length, not common or breached, not
 * built from the account's own details; no composition rules, which only make passwords harder to
 * remember and not harder to guess.
 */
public interface PasswordPolicy {

	/**
	 * @param password the candidate, as typed
	 * @param context what the password must not contain
	 * @return the refusal, saying why, or empty when the password is acceptable
	 */
	Optional<PasswordRefusedException> check(String password, Context context);

	/**
	 * The account's own details, which a password must not contain.
	 * @param userId the user ID
	 * @param personalValues further values, such as the e-mail address's local part or the name,
	 * once registration collects them (through the vault); never logged
	 */
	record Context(String userId, List<String> personalValues) {

		public Context {
			personalValues = List.copyOf(personalValues);
		}

		public static Context of(String userId) {
			return new Context(userId, List.of());
		}

		@Override
		public String toString() {
			return "Context[(" + (1 + this.personalValues.size()) + " values withheld)]";
		}

	}

}
