package jp.mamori.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CardNumbersTests {

	@ParameterizedTest
	@ValueSource(strings = { "4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111",
			"５５５５５５５５５５５５４４４４", "５５５５　５５５５　５５５５　４４４４", "5555－5555－5555－4444",
			"378282246310005", "3782 822463 10005", "3530111333300000", "6011111111111117",
			"4222222222222", "6200000000000005", "6759649826438453", "card:4111111111111111.",
			"{\"pan\":\"4111111111111111\"}", "4111 1111 1111 1111 123", "注文番号 12 4111 1111 1111 1111",
			"6221260000000000001" })
	void findsCardNumbersInEveryWriting(String text) {
		assertThat(CardNumbers.containsCardNumber(text)).as(text).isTrue();
	}

	/** Disguises of 4111 1111 1111 1111: other scripts, other joiners, a security code or expiry after it. */
	@ParameterizedTest
	@ValueSource(strings = { "٤١١١١١١١١١١١١١١١", "४१११ ११११ ११११ ११११", "\uD835\uDFD2\uD835\uDFCF\uD835\uDFCF\uD835\uDFCF111111111111",
			"𝟒𝟏𝟏𝟏 𝟏𝟏𝟏𝟏 𝟏𝟏𝟏𝟏 𝟏𝟏𝟏𝟏", "④①①①①①①①①①①①①①①①", "4111.1111.1111.1111", "4111/1111/1111/1111",
			"4111_1111_1111_1111", "4111 - 1111 - 1111 - 1111", "4111\t1111\n1111\r1111", "4111\u200B1111\u200B1111\u200B1111",
			"4111,1111,1111,1111", "4111・1111・1111・1111", "4111 1111-1111.1111", "4111 1111-1111.1111 123",
			"4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", "4-1-1-1-1-1-1-1-1-1-1-1-1-1-1-1", "4111 1111 1111 1111 12/27 123",
			"4111-1111-1111-1111 12/27 123", "card 4111 1111 1111 1111 exp 12/27 cvc 123", "4111+1111+1111+1111",
			"(4111)(1111)(1111)(1111)", "4111~1111~1111~1111", "4111\u00A01111\u3000 1111\u20031111",
			"0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 4111 1111 1111 1111",
			"3782-822463-10005", "3782 822463.10005" })
	void findsCardNumbersInDisguise(String text) {
		assertThat(CardNumbers.containsCardNumber(text)).as(text).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "4111111111111112", "1234567812345678", "1000000000000001", "090-1234-5678",
			"09012345678", "+81 90 1234 5678", "03-1234-5678", "〒150-0002", "1500002", "¥1,234,567",
			"1234567円", "12,345,678,901,234", "2026-11-21", "123456789012", "550e8400-e29b-41d4-a716-446655440000",
			"090-1234-5678 090-8765-4321", "41111111111111111111111", "ORD-20261121-4829", "",
			"/api/v1/customer/registrations/41111111-1111-1111-a111-111111111111/confirmation",
			"12345678-1234-4234-8234-123456789012", "+81 90 1234 5678 / 090-1234-5678", "100-0001", "〒100-0001 東京都",
			"1,980", "¥1,980, ¥2,500 and ¥12,800", "1,234,567,890,123,456", "1.234.567.890.123.456",
			"2026-11-21T10:15:30.123456789Z", "2026-11-21 10:15:30.123", "2026/11/21 23:59:59", "2026-11-21",
			"〒100-0001 090-1234-5678", "100-0001 03-1234-5678", "ORD-2026-1121-0004", "order 2026112100049",
			"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "1,980円 x 3 = 5,940円",
			"tel:090-1234-5678,fax:03-1234-5678", "090-1234-5678 090-8765-4321 03-1234-5678" })
	void letsOrdinaryNumbersPass(String text) {
		assertThat(CardNumbers.containsCardNumber(text)).as(text).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "4111111111111111", "5555555555554444", "378282246310005" })
	void everyDigitChangeBreaksTheLuhnCheck(String number) {
		for (int i = 0; i < number.length(); i++) {
			char[] digits = number.toCharArray();
			digits[i] = (char) ('0' + (digits[i] - '0' + 1) % 10);
			assertThat(CardNumbers.containsCardNumber(new String(digits))).as(new String(digits)).isFalse();
		}
	}

	@Test
	void aLongTextIsScannedInOnePassWithoutFindingWhatIsNotThere() {
		StringBuilder text = new StringBuilder();
		while (text.length() < 1_000_000) {
			text.append("1 ");
		}
		// A million characters of single digits joined by spaces would be far too slow if every window were tried.
		long started = System.nanoTime();
		assertThat(CardNumbers.containsCardNumber(text)).isFalse();
		assertThat(System.nanoTime() - started).isLessThan(2_000_000_000L);
		assertThat(CardNumbers.containsCardNumber(text + "4111 1111 1111 1111")).isTrue();
	}

}
