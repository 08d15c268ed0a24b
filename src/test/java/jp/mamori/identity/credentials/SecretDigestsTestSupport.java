package jp.mamori.identity.credentials;

import jp.mamori.identity.CustomerId;

/** Lets tests of other packages search a stored code the way a reader of the database would. */
public final class SecretDigestsTestSupport {

	private SecretDigestsTestSupport() {
	}

	/** @return the code whose pre-key stored form (salted SHA-256) is {@code stored}, or {@code null} */
	public static String searchOldForm(byte[] stored, byte[] salt, CustomerId account) throws Exception {
		return SecretDigestsTests.OldForm.search(stored, salt, account);
	}

}
