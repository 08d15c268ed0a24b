package jp.mamori.identity;

/** A user ID that cannot be used: empty, too long, or holding characters a login name may not have. */
public final class InvalidUserIdException extends RuntimeException {

	public InvalidUserIdException(String reason) {
		super(reason);
	}

}
