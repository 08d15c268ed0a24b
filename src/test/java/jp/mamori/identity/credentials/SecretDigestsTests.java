package jp.mamori.identity.credentials;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import jp.mamori.identity.CustomerId;

import static org.assertj.core.api.Assertions.assertThat;

/** The keyed stored form of codes and tokens: useless without the key, and the key can rotate. */
class SecretDigestsTests {

	private static final SecureRandom random = new SecureRandom();

	@Test
	void withoutTheKeyNoneOfTheMillionCodesMatchesTheStoredForm() throws Exception {
		OneTimeCodes codes = new OneTimeCodes(new SecretDigests(key(), List.of()));
		CustomerId account = new CustomerId(UUID.randomUUID());
		byte[] salt = new byte[16];
		random.nextBytes(salt);
		String code = String.format("%06d", random.nextInt(1_000_000));
		byte[] stored = codes.hash(salt, account, code);

		assertThat(OldForm.search(stored, salt, account)).as("the code found by the old formula").isNull();
		assertThat(codes.matches(stored, salt, account, code)).isTrue();
		assertThat(codes.matches(stored, salt, account, code.equals("000000") ? "000001" : "000000")).isFalse();
		assertThat(codes.matches(stored, salt, new CustomerId(UUID.randomUUID()), code)).isFalse();
	}

	@Test
	void aFormStoredBeforeTheKeyNoLongerMatches() throws Exception {
		OneTimeCodes codes = new OneTimeCodes(new SecretDigests(key(), List.of()));
		CustomerId account = new CustomerId(UUID.randomUUID());
		byte[] salt = new byte[16];
		random.nextBytes(salt);
		assertThat(codes.matches(OldForm.hash(salt, account, "123456"), salt, account, "123456")).isFalse();
		// What the search finds against the form stored before the key: the attack the key defeats.
		assertThat(OldForm.search(OldForm.hash(salt, account, "654321"), salt, account)).isEqualTo("654321");
	}

	@Test
	void aRetiredKeyStillChecksWhatItMadeAndAnUnknownKeyDoesNot() {
		byte[] old = key();
		byte[] current = key();
		byte[] storedUnderOld = new SecretDigests(old, List.of()).digest("test", bytes("secret"));

		SecretDigests rotated = new SecretDigests(current, List.of(old));
		assertThat(rotated.matches(storedUnderOld, "test", bytes("secret"))).isTrue();
		assertThat(rotated.matches(storedUnderOld, "test", bytes("other"))).isFalse();
		assertThat(rotated.matches(storedUnderOld, "other purpose", bytes("secret"))).isFalse();
		assertThat(rotated.candidates("test", bytes("secret"))).hasSize(2)
			.anySatisfy((candidate) -> assertThat(candidate).isEqualTo(storedUnderOld));
		assertThat(rotated.digest("test", bytes("secret"))).isNotEqualTo(storedUnderOld);

		SecretDigests withoutOld = new SecretDigests(current, List.of());
		assertThat(withoutOld.matches(storedUnderOld, "test", bytes("secret"))).isFalse();
		assertThat(withoutOld.toString()).doesNotContain(java.util.Base64.getEncoder().encodeToString(current));
	}

	@Test
	void partsAreNotJustConcatenated() {
		SecretDigests digests = new SecretDigests(key(), List.of());
		assertThat(digests.digest("p", bytes("ab"), bytes("c"))).isNotEqualTo(digests.digest("p", bytes("a"), bytes("bc")));
	}

	private static byte[] key() {
		byte[] key = new byte[32];
		random.nextBytes(key);
		return key;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** The stored form of an e-mail code before issue 12: SHA-256 of the salt, the account and the code. */
	static final class OldForm {

		static byte[] hash(byte[] salt, CustomerId account, String code) throws Exception {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(salt);
			digest.update(account.toString().getBytes(StandardCharsets.US_ASCII));
			digest.update((byte) 0);
			return digest.digest(code.getBytes(StandardCharsets.UTF_8));
		}

		/** @return the code whose old form is {@code stored}, as a reader of the database would search */
		static String search(byte[] stored, byte[] salt, CustomerId account) throws Exception {
			for (int i = 0; i < 1_000_000; i++) {
				String code = String.format("%06d", i);
				if (MessageDigest.isEqual(hash(salt, account, code), stored)) {
					return code;
				}
			}
			return null;
		}

	}

}
