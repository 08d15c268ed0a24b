package jp.mamori.vault;

/**
 * Seals personal data before it reaches the database and opens it on the way out.
 *
 * <p>Security guarantees:
 * <ul>
 * <li>Values are sealed with AES-256-GCM under a key of their subject; the subject, field and row
 * are bound as associated data, so a ciphertext moved to another place fails to open with a
 * {@link ContextMismatchException} and a {@code security.pii.context_mismatch} security event.</li>
 * <li>Every read by staff or by the system is written to the operation log ({@code pii.read}: who,
 * whose, which field, why) in the caller's transaction before the value is returned. A subject's
 * own read is not logged per field. A read without a purpose is refused.</li>
 * <li>{@link #destroy(Subject)} deletes the subject's key-encryption key, which is kept outside the
 * database: its values become unreadable everywhere, including replicas and old dumps.</li>
 * </ul>
 */
public interface Vault {

	/**
	 * Seal a value for its place.
	 * @param context the subject, field and row it belongs to
	 * @param plaintext the value (UTF-8)
	 * @return ciphertext and key reference, both to be stored
	 */
	Sealed seal(SealContext context, String plaintext);

	/** Shorthand for {@link #seal(SealContext, String)}. */
	default Sealed seal(Subject subject, String field, String rowId, String plaintext) {
		return seal(SealContext.of(subject, field, rowId), plaintext);
	}

	/**
	 * Open a sealed value.
	 * @param sealed as stored
	 * @param context where it was read from
	 * @param reader who reads it
	 * @param purpose why, e.g. a ticket number or reason code; never blank
	 * @return the plaintext
	 * @throws ReadRefusedException without a purpose, or if a subject reads another's data
	 * @throws ContextMismatchException if the value does not belong to this context
	 * @throws SubjectDestroyedException if the subject's key no longer exists
	 */
	String open(Sealed sealed, SealContext context, Reader reader, String purpose);

	/**
	 * Crypto-shred a subject: delete its key-encryption key, its data keyset and its blind-index
	 * entries. Irreversible. Recorded in the operation log.
	 * @param subject whose data becomes unreadable
	 */
	void destroy(Subject subject);

}
