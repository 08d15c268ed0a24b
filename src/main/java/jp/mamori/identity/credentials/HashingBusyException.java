package jp.mamori.identity.credentials;

/**
 * Every Argon2 slot is busy and the queue in front of them is full: the request is answered at once
 * ({@code 503} with {@code Retry-After}) instead of waiting behind a flood. Nothing was hashed; a sign-in
 * that was refused this way counted nothing against the account.
 */
public final class HashingBusyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final long retryAfterSeconds;

	public HashingBusyException(long retryAfterSeconds) {
		super("Every password-hashing slot is busy", null, false, false);
		this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
	}

	/** @return how long the caller should wait before it tries again, in whole seconds */
	public long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
