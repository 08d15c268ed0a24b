package jp.mamori.audit;

/**
 * A log entry or event was refused before anything was written: a malformed name, a NUL character,
 * an unsupported value type or a size beyond the configured limit.
 */
public class InvalidLogEntryException extends IllegalArgumentException {

	public InvalidLogEntryException(String message) {
		super(message);
	}

}
