package jp.mamori.identity.credentials;

import java.time.Duration;

import jp.mamori.identity.CustomerId;

/** How a sign-in attempt ended. */
public sealed interface SignInResult {

	/** The customer proved who they are. */
	record SignedIn(CustomerId account) implements SignInResult {
	}

	/**
	 * The password was right, but the account has a second factor: no session opens until it passes.
	 */
	record SecondFactorRequired(CustomerId account) implements SignInResult {
	}

	/**
	 * The password was right, but an operator's forced reset asks for a new one first: no session opens.
	 * Only a right password can lead here; a wrong one is {@link Refused} as always.
	 */
	record PasswordResetRequired(CustomerId account) implements SignInResult {
	}

	/**
	 * Refused: wrong password, unknown user ID or locked account. Security decision: these three are
	 * one result, so nothing built on it can tell a caller which it was.
	 */
	record Refused() implements SignInResult {
	}

	/** The source must wait before trying again; nothing was checked. */
	record RetryLater(Duration delay) implements SignInResult {

		/** @return the wait in whole seconds, rounded up, at least 1 */
		public long seconds() {
			return Math.max(1, (this.delay.toMillis() + 999) / 1000);
		}

	}

}
