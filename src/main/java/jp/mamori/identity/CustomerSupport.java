package jp.mamori.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jp.mamori.audit.Actor;

/**
 * What the staff console may do with customers' accounts: look one up, masked, and force password
 * resets. The staff module calls it; identity knows nothing of staff beyond the {@link Actor} named in
 * the operation log.
 *
 * <p>Security decisions: every personal field of a looked-up account is opened for the reading member
 * of staff, so each read is in the operation log before the masked value leaves; only masked forms are
 * returned; secrets (password hash, TOTP secret, recovery codes, passkeys' keys) are never read, only
 * whether they exist. A forced reset names its actor in the operation log and ends the sessions.
 */
public interface CustomerSupport {

	/**
	 * @param customer the account to show
	 * @param staff the member of staff who reads it ({@link Actor#staff})
	 * @return the account with its name and e-mail address masked, or empty if there is none
	 */
	Optional<CustomerView> find(CustomerId customer, Actor staff);

	/**
	 * Makes the given customers set a new password at their next sign-in and ends their sessions.
	 * @param customers the accounts, or {@code null} for every account
	 * @param staff the member of staff who asked for it ({@link Actor#staff})
	 */
	ForcedResets forcePasswordReset(Set<CustomerId> customers, Actor staff);

	/**
	 * A customer's account as a member of staff sees it.
	 * @param factors the second factors present: {@code totp}, {@code passkey}, {@code recovery_codes}
	 * @param name masked, or {@code null} if the account has none
	 * @param email masked, or {@code null} if the account has none
	 */
	record CustomerView(String customerId, String userId, Instant createdAt, Instant emailConfirmedAt,
			boolean password, boolean passwordResetRequired, List<String> factors, Lockout lockout, String name,
			String email) {
	}

	/** Whether the account is locked now, until when, and the consecutive failures counted. */
	record Lockout(boolean locked, Instant lockedUntil, int failures) {
	}

	/**
	 * @param scope {@code all} or {@code customers}
	 * @param requested how many accounts were named
	 * @param accounts how many accounts now must set a new password
	 * @param sessionsEnded how many sessions were ended
	 */
	record ForcedResets(String scope, int requested, int accounts, int sessionsEnded) {
	}

}
