package jp.mamori.vault;

/**
 * A sealed value does not open in the context it was presented in: it was copied from another row,
 * field or subject, or altered. A {@code security.pii.context_mismatch} event has been published.
 */
public final class ContextMismatchException extends VaultException {

	public ContextMismatchException(String message) {
		super(message);
	}

}
