package jp.mamori.identity.credentials;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import jp.mamori.identity.PasswordRefusedException;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultPasswordPolicyTests {

	private static final CommonPasswords common = new CommonPasswords(12);

	private final DefaultPasswordPolicy policy = new DefaultPasswordPolicy(new IdentityProperties.Passwords(12, 256, 3),
			common);

	@Test
	void theBundledListHoldsAtLeastTheHundredThousandMostCommonPasswords() {
		assertThat(common.listSize()).isGreaterThanOrEqualTo(100_000);
	}

	@Test
	void aShortPasswordIsRefusedForItsLength() {
		assertThat(refusal("Zq8#vL2!pX", "taro")).contains(DefaultPasswordPolicy.TOO_SHORT);
	}

	@Test
	void lengthCountsCharactersNotBytes() {
		// Eleven kanji are eleven characters, however many bytes UTF-8 takes for them.
		assertThat(refusal("東西南北春夏秋冬朝昼晩", "taro")).contains(DefaultPasswordPolicy.TOO_SHORT);
	}

	@Test
	void anOverlongPasswordIsRefused() {
		assertThat(refusal("x".repeat(257), "taro")).contains(DefaultPasswordPolicy.TOO_LONG);
	}

	@Test
	void aCommonPasswordIsRefusedWhateverItsCase() {
		assertThat(refusal("qwertyuiopasdfgh", "taro")).contains(DefaultPasswordPolicy.COMMON);
		assertThat(refusal("QAZWSXEDCRFV", "taro")).contains(DefaultPasswordPolicy.COMMON);
	}

	@Test
	void aPasswordContainingTheUserIdIsRefused() {
		assertThat(refusal("my-Yamada_Taro-gloriously-unique", "yamada_taro"))
			.contains(DefaultPasswordPolicy.CONTAINS_USER_ID);
		assertThat(refusal("ｙａｍａｄａ＿ｔａｒｏ and a long tail", "yamada_taro"))
			.contains(DefaultPasswordPolicy.CONTAINS_USER_ID);
	}

	@Test
	void personalValuesHaveAHookForEmailAndName() {
		var context = new PasswordPolicy.Context("taro", List.of("hanako.suzuki"));
		assertThat(this.policy.check("velvet-hanako.suzuki-orbit", context).map(PasswordRefusedException::messageCode))
			.contains(DefaultPasswordPolicy.CONTAINS_PERSONAL_DATA);
	}

	@Test
	void aLongButGuessablePasswordIsRefusedAsWeak() {
		assertThat(refusal("monkeymonkeymonkey", "taro")).contains(DefaultPasswordPolicy.WEAK);
		assertThat(refusal("sakurasakura1990", "taro")).contains(DefaultPasswordPolicy.WEAK);
		assertThat(refusal("password12345678", "taro")).isNotEmpty();
	}

	@Test
	void aLongJapanesePassphraseIsAccepted() {
		assertThat(refusal("うちの猫は毎朝七時にごはんを催促する", "taro")).isEmpty();
	}

	@Test
	void noCompositionRules() {
		// All lower case, no digits, no symbols: fine, because it is long and unguessable.
		assertThat(refusal("ostrich plywood mandolin quietly", "taro")).isEmpty();
	}

	@Test
	void refusalsNeverRepeatThePassword() {
		PasswordRefusedException refusal = this.policy.check("qwertyuiopasdfgh", PasswordPolicy.Context.of("taro"))
			.orElseThrow();
		assertThat(refusal.getMessage()).doesNotContain("qwerty");
	}

	private Optional<String> refusal(String password, String userId) {
		return this.policy.check(password, PasswordPolicy.Context.of(userId)).map(PasswordRefusedException::messageCode);
	}

}
