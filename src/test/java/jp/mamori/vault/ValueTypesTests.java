package jp.mamori.vault;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Value types validate what they hold and never print it. */
class ValueTypesTests {

	@Test
	void aPersonNameKeepsKanjiAndKanaAndPrintsOnlyItsFirstCharacter() {
		PersonName name = PersonName.of("山田", "太郎", "ヤマダ", "ﾀﾛｳ");
		assertThat(name.fullName()).isEqualTo("山田 太郎");
		assertThat(name.givenKana()).isEqualTo("タロウ");
		assertThat(name.masked()).isEqualTo("山** 様");
		assertThat(name.toString()).doesNotContain("田", "太郎", "ヤマダ", "タロウ");
	}

	@Test
	void aPersonNameRefusesBlankPartsAndReadingsThatAreNotKana() {
		assertThatIllegalArgumentException().isThrownBy(() -> PersonName.of(" ", "太郎", "ヤマダ", "タロウ"));
		assertThatIllegalArgumentException().isThrownBy(() -> PersonName.of("山田", "太郎", "Yamada", "タロウ"));
		assertThatIllegalArgumentException().isThrownBy(() -> PersonName.of("山田", "太\u0000郎", "ヤマダ", "タロウ"));
	}

	@Test
	void anEmailAddressIsMaskedAfterItsFirstCharacterAndNormalisedForTheIndex() {
		EmailAddress email = EmailAddress.of("Taro.Yamada@Example.JP");
		assertThat(email.masked()).isEqualTo("T***@Example.JP");
		assertThat(EmailAddress.of("taro@example.jp").masked()).isEqualTo("t***@example.jp");
		assertThat(email.normalised()).isEqualTo("taro.yamada@example.jp");
		assertThat(EmailAddress.of("ｔａｒｏ@ｅｘａｍｐｌｅ.ｊｐ").value()).isEqualTo("taro@example.jp");
		assertThat(email.toString()).doesNotContain("aro", "Yamada");
	}

	@Test
	void anEmailAddressRefusesWhatIsNotOne() {
		for (String bad : new String[] { "", "taro", "taro@", "@example.jp", "taro@localhost", "ta ro@example.jp",
				"taro@@example.jp", "taro@exa_mple.jp" }) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> EmailAddress.of(bad));
		}
	}

	@Test
	void aPhoneNumberIsAJapaneseNumberMaskedInTheMiddle() {
		PhoneNumber mobile = PhoneNumber.of("09012345678");
		assertThat(mobile.e164()).isEqualTo("+819012345678");
		assertThat(mobile.national()).isEqualTo("090-1234-5678");
		assertThat(mobile.masked()).isEqualTo("090-****-5678");
		assertThat(PhoneNumber.of("+81 3-1234-5678").masked()).isEqualTo("03-****-5678");
		assertThat(PhoneNumber.of("０９０－１２３４－５６７８")).isEqualTo(mobile);
		assertThat(mobile.toString()).doesNotContain("1234");
	}

	@Test
	void aPhoneNumberRefusesForeignAndImpossibleNumbers() {
		for (String bad : new String[] { "12345", "+1 202 555 0100", "090-1234-567", "phone", "" }) {
			assertThatIllegalArgumentException().as(bad).isThrownBy(() -> PhoneNumber.of(bad));
		}
	}

	@Test
	void aPostalAddressShowsOnlyPrefectureAndCity() {
		PostalAddress address = PostalAddress.of("150-0041", Prefecture.of("東京都"), "渋谷区", "神南1-2-3", "渋谷ビル 101");
		assertThat(address.postalCode()).isEqualTo("150-0041");
		assertThat(address.masked()).isEqualTo("東京都渋谷区****");
		assertThat(address.toString()).doesNotContain("150", "神南", "101");
		assertThat(PostalAddress.of("１５０００４１", Prefecture.TOKYO, "渋谷区", "神南1-2-3", null).building()).isEmpty();
	}

	@Test
	void aPostalAddressNeedsSevenDigitsAndOneOfTheFortySevenPrefectures() {
		assertThat(Prefecture.values()).hasSize(47);
		assertThat(Prefecture.of("沖縄県").code()).isEqualTo(47);
		assertThatIllegalArgumentException().isThrownBy(() -> Prefecture.of("東京県"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PostalAddress.of("150-004", Prefecture.TOKYO, "渋谷区", "神南1-2-3", ""));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PostalAddress.of("1500041", null, "渋谷区", "神南1-2-3", ""));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PostalAddress.of("1500041", Prefecture.TOKYO, "", "神南1-2-3", ""));
	}

	@Test
	void aBankAccountShowsOnlyTheLastThreeDigitsOfItsNumber() {
		BankAccount account = BankAccount.of("0001", "123", BankAccount.Type.ORDINARY, "1234567", "ﾔﾏﾀﾞ ﾀﾛｳ");
		assertThat(account.holderKana()).isEqualTo("ヤマダ タロウ");
		assertThat(account.masked()).isEqualTo("0001-123 普通 ****567");
		assertThat(account.toString()).doesNotContain("1234567", "ヤマダ");
	}

	@Test
	void aBankAccountRefusesMalformedCodesNumbersAndHolders() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BankAccount.of("001", "123", BankAccount.Type.ORDINARY, "1234567", "ヤマダ"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BankAccount.of("0001", "1234", BankAccount.Type.ORDINARY, "1234567", "ヤマダ"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BankAccount.of("0001", "123", BankAccount.Type.ORDINARY, "123456", "ヤマダ"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BankAccount.of("0001", "123", BankAccount.Type.ORDINARY, "1234567", "山田"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BankAccount.of("0001", "123", null, "1234567", "ヤマダ"));
	}

	@Test
	void sealedValuesAndContextsPrintNoPlaintext() {
		Sealed sealed = Sealed.of(new byte[] { 1, 2, 3 }, "customer:1/00000001");
		assertThat(sealed.toString()).isEqualTo("Sealed[key=customer:1/00000001, 3 bytes]");
	}

}
