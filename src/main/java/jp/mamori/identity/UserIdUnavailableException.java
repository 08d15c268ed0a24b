package jp.mamori.identity;

/**
 * The user ID is taken. Only trusted callers see this; registration must answer an anonymous caller
 * the same way whether or not an ID is taken.
 */
public final class UserIdUnavailableException extends RuntimeException {

	public UserIdUnavailableException() {
		super("The user ID is taken");
	}

}
