package jp.mamori.platform;

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

	@ParameterizedTest
	@ValueSource(strings = { "4111111111111112", "1234567812345678", "1000000000000001", "090-1234-5678",
			"09012345678", "+81 90 1234 5678", "03-1234-5678", "〒150-0002", "1500002", "¥1,234,567",
			"1234567円", "12,345,678,901,234", "2026-11-21", "123456789012", "550e8400-e29b-41d4-a716-446655440000",
			"090-1234-5678 090-8765-4321", "41111111111111111111111", "ORD-20261121-4829", "",
			"/api/v1/customer/registrations/41111111-1111-1111-a111-111111111111/confirmation",
			"12345678-1234-4234-8234-123456789012" })
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

}
