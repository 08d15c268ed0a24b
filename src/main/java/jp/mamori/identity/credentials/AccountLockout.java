package jp.mamori.identity.credentials;

import java.time.Instant;
import java.util.Optional;

import jp.mamori.identity.CustomerId;

/**
 * Locks an account's password path after consecutive failures: 15 minutes after the 10th, doubling
 * with each further lockout up to 24 hours (all configurable), never for good.
 *
 * <p>Security decision: a lockout shuts the password door only. An attacker who knows a user ID can
 * keep failing on purpose, so the owner must keep another way in: the e-mail-code sign-in (a later
 * slice) does not consult this lockout, and when it succeeds it calls {@link #end} so that the owner
 * is not left locked out of the password path either.
 */
public interface AccountLockout {

	/**
	 * @return until when the account's password path is locked, or empty if it is not; a lock found
	 * expired is ended here and {@code auth.lockout.ended} published
	 */
	Optional<Instant> lockedUntil(CustomerId account);

	/**
	 * Count a wrong password; the failure that reaches the threshold starts a lockout, publishes
	 * {@code auth.lockout.started} and tells the {@link LockoutListener}.
	 */
	void recordFailure(CustomerId account, ClientSource source);

	/**
	 * Count a right password: the failures and the doubling start again.
	 * @return {@code false} if a lockout started after the password was checked (a concurrent attack
	 * reached the threshold meanwhile); the sign-in must then be refused like any other while locked
	 */
	boolean recordSuccess(CustomerId account);

	/**
	 * End a lockout because the owner proved who they are another way (e-mail code, unlock link).
	 * @param reason why, for the {@code auth.lockout.ended} event, e.g. {@code email_code}
	 * @param source who proved it, for the event; {@code null} if not known
	 */
	void end(CustomerId account, String reason, ClientSource source);

	/** End a lockout as {@link #end(CustomerId, String, ClientSource)}, without a source for the event. */
	default void end(CustomerId account, String reason) {
		end(account, reason, null);
	}

}
