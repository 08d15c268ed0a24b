package jp.mamori.identity.credentials;

import java.time.Instant;

import jp.mamori.identity.CustomerId;

/** Told when a lockout starts, inside the transaction that starts it. */
@FunctionalInterface
public interface LockoutListener {

	/** A listener that does nothing. */
	LockoutListener NONE = (account, lockedUntil, source) -> {
	};

	/**
	 * @param lockedUntil when the lockout ends by itself
	 * @param source where the failure that started it came from
	 */
	void started(CustomerId account, Instant lockedUntil, ClientSource source);

}
