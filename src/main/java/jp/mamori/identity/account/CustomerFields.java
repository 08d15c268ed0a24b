package jp.mamori.identity.account;

import java.util.UUID;

import jp.mamori.vault.PersonName;
import jp.mamori.vault.SealContext;
import jp.mamori.vault.Subject;

/**
 * Where each of a customer's personal values is sealed: the subject is the customer, the row is the
 * account. A registration seals for the same place, so its ciphertexts move to the account unchanged.
 */
public final class CustomerFields {

	public static final String NAME = "customer.name";

	public static final String EMAIL = "customer.email";

	static final String HOUSEHOLD = "customer.household";

	public static final String PHONE = "customer.phone";

	/** Separates the parts of a name inside one sealed value; names cannot contain it. */
	private static final char SEPARATOR = '\u001F';

	private CustomerFields() {
	}

	public static Subject subject(UUID accountId) {
		return Subject.customer(accountId.toString());
	}

	public static SealContext context(UUID accountId, String field) {
		return SealContext.of(subject(accountId), field, accountId.toString());
	}

	static String encodeName(PersonName name) {
		return name.family() + SEPARATOR + name.given() + SEPARATOR + name.familyKana() + SEPARATOR + name.givenKana();
	}

	static PersonName decodeName(String encoded) {
		String[] parts = encoded.split(String.valueOf(SEPARATOR), -1);
		return PersonName.of(parts[0], parts[1], parts[2], parts[3]);
	}

}
