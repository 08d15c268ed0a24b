package jp.mamori.vault;

/** An open was refused before anything was decrypted: no purpose, or a reader who may not read. */
public final class ReadRefusedException extends VaultException {

	public ReadRefusedException(String message) {
		super(message);
	}

}
