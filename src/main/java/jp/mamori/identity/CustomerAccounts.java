package jp.mamori.identity;

/**
 * Creates customer accounts. Registration (pages, e-mail confirmation, the bot check) builds on this;
 * until then tests and operators' tools are its only callers.
 */
public interface CustomerAccounts {

	/**
	 * Create an account that signs in with a user ID and a password.
	 * @param userId the login name the customer picked; compared after NFKC normalisation and
	 * lower-casing, so {@code ＴＡＲＯ} and {@code taro} are the same ID
	 * @param password the password, checked against the password policy before it is hashed
	 * @return the new account's identifier
	 * @throws InvalidUserIdException if the user ID is not acceptable
	 * @throws PasswordRefusedException if the password policy refuses the password, saying why
	 * @throws UserIdUnavailableException if the user ID is taken
	 */
	CustomerId create(String userId, String password);

}
