package jp.mamori.vault;

/** The subject's key has been destroyed (or never existed): its sealed values cannot be opened. */
public final class SubjectDestroyedException extends VaultException {

	public SubjectDestroyedException(String message) {
		super(message);
	}

}
