package jp.mamori.identity.credentials;

/**
 * Hashes and verifies passwords. Hashes are PHC strings that carry their own parameters
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), so raising the cost never invalidates old ones.
 * Passwords are NFKC-normalised before hashing, so the same password typed with full-width or
 * half-width characters is the same password.
 */
public interface PasswordHasher {

	/** @return a new hash of {@code password} with a fresh random salt and the current parameters */
	String hash(String password);

	/**
	 * @return whether {@code password} matches {@code hash}; {@code false} for a malformed hash, after
	 * the same work as a real verification
	 */
	boolean verify(String password, String hash);

	/**
	 * Do the work of one verification against a hash no account has, so that an unknown or locked
	 * account costs as much time as a real one and timing cannot tell them apart.
	 */
	void verifyDummy(String password);

	/** @return whether {@code hash} was made with parameters weaker than the current ones */
	boolean needsRehash(String hash);

}
