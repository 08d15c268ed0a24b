package jp.mamori.vault;

/** Something the vault refused or could not do. Messages carry identifiers only, never values. */
public class VaultException extends RuntimeException {

	public VaultException(String message) {
		super(message);
	}

	public VaultException(String message, Throwable cause) {
		super(message, cause);
	}

}
