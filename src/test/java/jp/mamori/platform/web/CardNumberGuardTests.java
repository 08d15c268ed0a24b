package jp.mamori.platform.web;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import jp.mamori.platform.SecurityEvent;
import jp.mamori.testing.MamoriTest;
import jp.mamori.testing.RecordedSecurityEvents;
import jp.mamori.testing.TestHttp;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariant 2 over real HTTPS: card numbers are refused wherever they hide; ordinary numbers pass. */
@MamoriTest
@ExtendWith(OutputCaptureExtension.class)
class CardNumberGuardTests {

	@Autowired
	RecordedSecurityEvents events;

	@Autowired
	TestHttp http;

	static Stream<Arguments> cardNumbers() {
		return Stream.of("4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111",
				"４１１１１１１１１１１１１１１１", "４１１１　１１１１　１１１１　１１１１", "3530111333300000", "378282246310005",
				"5555 5555 5555 4444").map(Arguments::of);
	}

	@ParameterizedTest
	@MethodSource("cardNumbers")
	void aCardNumberInTheQueryStringIsRefused(String pan, CapturedOutput output) {
		HttpResponse<String> response = this.http
			.get("/api/v1/test/probe?q=" + URLEncoder.encode(pan, StandardCharsets.UTF_8), "Accept-Language", "en");
		assertRefused(response, pan, "query", output);
	}

	@ParameterizedTest
	@MethodSource("cardNumbers")
	void aCardNumberInAJsonBodyIsRefused(String pan, CapturedOutput output) {
		HttpResponse<String> response = this.http.post("/api/v1/test/probe", "application/json",
				"{\"name\":\"カード " + pan + "\",\"quantity\":1}");
		assertRefused(response, pan, "body", output);
	}

	@ParameterizedTest
	@MethodSource("cardNumbers")
	void aCardNumberInAFormFieldIsRefused(String pan, CapturedOutput output) {
		HttpResponse<String> response = this.http.post("/test/probe", "application/x-www-form-urlencoded",
				"name=" + URLEncoder.encode(pan, StandardCharsets.UTF_8) + "&quantity=1");
		assertRefused(response, pan, "body", output);
	}

	@ParameterizedTest
	@MethodSource("cardNumbers")
	void aCardNumberInAHeaderIsRefused(String pan, CapturedOutput output) {
		// Header values are ASCII on the wire; non-ASCII text travels percent-encoded.
		String value = pan.chars().allMatch((c) -> c < 128) ? pan : URLEncoder.encode(pan, StandardCharsets.UTF_8);
		HttpResponse<String> response = this.http.get("/api/v1/test/probe?q=x", "X-Note", value);
		assertRefused(response, pan, "header", output);
	}

	@Test
	void aCardNumberInThePathIsRefused(CapturedOutput output) {
		HttpResponse<String> response = this.http.get("/api/v1/orders/4111111111111111");
		assertRefused(response, "4111111111111111", "path", output);
	}

	@Test
	void aCardNumberWrittenWithJsonEscapesIsRefused(CapturedOutput output) {
		String escaped = "\\u0034\\u0031\\u0031\\u0031111111111111";
		HttpResponse<String> response = this.http.post("/api/v1/test/probe", "application/json",
				"{\"name\":\"" + escaped + "\",\"quantity\":1}");
		assertRefused(response, "4111111111111111", "body", output);
	}

	static Stream<Arguments> disguises() {
		return Stream.of("٤١١١١١١١١١١١١١١١", "४१११ ११११ ११११ ११११", "𝟒𝟏𝟏𝟏 𝟏𝟏𝟏𝟏 𝟏𝟏𝟏𝟏 𝟏𝟏𝟏𝟏", "4111.1111.1111.1111",
				"4111/1111/1111/1111", "4111_1111_1111_1111", "4111\u200B1111\u200B1111\u200B1111", "4111 1111-1111.1111",
				"4111 1111 1111 1111 123", "4111-1111-1111-1111 12/27 123", "5555・5555・5555・4444")
			.map(Arguments::of);
	}

	@ParameterizedTest
	@MethodSource("disguises")
	void aDisguisedCardNumberIsRefusedInJsonFormQueryAndHeader(String pan, CapturedOutput output) {
		String encoded = URLEncoder.encode(pan, StandardCharsets.UTF_8);
		assertRefused(this.http.post("/api/v1/test/probe", "application/json",
				"{\"name\":\"" + pan + "\",\"quantity\":1}"), pan, "body", output);
		assertRefused(this.http.post("/test/probe", "application/x-www-form-urlencoded", "name=" + encoded + "&quantity=1"),
				pan, "body", output);
		assertRefused(this.http.get("/api/v1/test/probe?q=" + encoded), pan, "query", output);
		assertRefused(this.http.get("/api/v1/test/probe?q=x", "X-Note", encoded), pan, "header", output);
	}

	@Test
	void aDisguisedCardNumberWrittenWithJsonEscapesIsRefused(CapturedOutput output) {
		// 𝟒 (U+1D7D2) as a surrogate pair, the rest joined by escaped slashes and tabs.
		String escaped = "\\uD835\\uDFD2111\\/1111\\t1111\\/\\u0031111";
		assertRefused(this.http.post("/api/v1/test/probe", "application/json",
				"{\"name\":\"" + escaped + "\",\"quantity\":1}"), "4111111111111111", "body", output);
	}

	@Test
	void aCardNumberAsAUserIdIsRefusedBeforeTheSignInSeesIt(CapturedOutput output) {
		assertRefused(this.http.post("/api/v1/customer/session", "application/json",
				"{\"userId\":\"card_4111_1111_1111_1111\",\"password\":\"x\"}"), "4111111111111111", "body", output);
	}

	@ParameterizedTest
	@ValueSource(strings = { "UTF-16", "UTF-16LE", "Shift_JIS", "ISO-8859-1", "no-such-charset" })
	void aJsonBodyDeclaredInAnotherCharsetIsRefusedInTheCallersLanguage(String charset) {
		HttpResponse<String> english = this.http.post("/api/v1/test/probe", "application/json; charset=" + charset,
				"{\"name\":\"a\",\"quantity\":1}", "Accept-Language", "en");
		assertThat(english.statusCode()).isEqualTo(415);
		assertThat(english.body()).contains("urn:mamori:problem:unsupported-charset").contains("UTF-8");
		HttpResponse<String> japanese = this.http.post("/test/probe",
				"application/x-www-form-urlencoded; charset=" + charset, "name=a&quantity=1", "Accept-Language", "ja");
		assertThat(japanese.statusCode()).isEqualTo(415);
		assertThat(japanese.body()).contains("UTF-8で送信してください");
	}

	@Test
	void aUtf16BodyLabelledUtf8OrNotAtAllIsRefused() {
		byte[] utf16 = "{\"name\":\"4111 1111 1111 1111\",\"quantity\":1}".getBytes(StandardCharsets.UTF_16LE);
		for (String type : new String[] { "application/json", "application/json; charset=UTF-8" }) {
			HttpResponse<String> response = this.http.send(this.http.request("/api/v1/test/probe")
				.header("Content-Type", type)
				.POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(utf16)));
			assertThat(response.statusCode()).as(type).isEqualTo(415);
		}
		byte[] latin1 = "{\"name\":\"caf\u00e9\",\"quantity\":1}".getBytes(StandardCharsets.ISO_8859_1);
		HttpResponse<String> malformed = this.http.send(this.http.request("/api/v1/test/probe")
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(latin1)));
		assertThat(malformed.statusCode()).isEqualTo(415);
	}

	@ParameterizedTest
	@ValueSource(strings = { "+81 90 1234 5678", "100-0001", "550e8400-e29b-41d4-a716-446655440000", "1,980",
			"¥1,980, ¥2,500", "ORD-2026-1121-0004", "2026-11-21T10:15:30.123456789Z", "2026-11-21",
			"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "〒100-0001 090-1234-5678" })
	void moreOrdinaryValuesPassInEveryPlace(String text) {
		String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8);
		assertThat(this.http.post("/api/v1/test/probe", "application/json; charset=utf-8",
				"{\"name\":\"" + text + "\",\"quantity\":3}").statusCode()).isEqualTo(200);
		assertThat(this.http.post("/test/probe", "application/x-www-form-urlencoded", "name=" + encoded + "&quantity=3")
			.statusCode()).isEqualTo(200);
		assertThat(this.http.get("/api/v1/test/probe?q=" + encoded, "X-Note", encoded).statusCode()).isEqualTo(200);
	}

	@Test
	void theRefusalSpeaksJapaneseByDefault() {
		HttpResponse<String> response = this.http.get("/api/v1/test/probe?q=4111111111111111");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("カード番号はここでは受け付けていません");
	}

	private void assertRefused(HttpResponse<String> response, String pan, String location, CapturedOutput output) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("urn:mamori:problem:card-number-refused").doesNotContain(pan);
		assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
		String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
		SecurityEvent event = this.events.named("security.pan_rejected")
			.stream()
			.filter((candidate) -> requestId.equals(candidate.attributes().get("request_id")))
			.findFirst()
			.orElseThrow();
		assertThat(event.attributes()).containsEntry("location", location);
		assertThat(event.attributes().values()).noneMatch((value) -> value.contains(pan.substring(0, 6)));
		StringBuilder digits = new StringBuilder();
		pan.codePoints().filter(Character::isDigit).forEach((c) -> digits.append(Character.digit(c, 10)));
		assertThat(digits).hasSizeGreaterThanOrEqualTo(13);
		assertThat(output.getAll()).doesNotContain(pan).doesNotContain(digits);
	}

	@ParameterizedTest
	@ValueSource(strings = { "090-1234-5678", "09012345678", "+81-3-1234-5678", "〒150-0002", "1500002",
			"¥1,234,567", "12800円", "2026-11-21 23:59", "ORD-20261121-000482", "１２３－４５６７" })
	void ordinaryJapaneseNumbersPass(String text) {
		HttpResponse<String> response = this.http.post("/api/v1/test/probe", "application/json",
				"{\"name\":\"" + text + "\",\"quantity\":3,\"note\":\"tel " + text + "\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		HttpResponse<String> query = this.http
			.get("/api/v1/test/probe?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
		assertThat(query.statusCode()).isEqualTo(200);
	}

	@Test
	void sixteenDigitOrderNumbersThatFailTheLuhnCheckPass() {
		Random random = new Random(20261121);
		int passed = 0;
		while (passed < 25) {
			String number = randomDigits(random, 16);
			if (isLuhnValid(number)) {
				continue;
			}
			HttpResponse<String> response = this.http.post("/test/probe", "application/x-www-form-urlencoded",
					"name=order-" + number + "&quantity=2", "X-Order", number);
			assertThat(response.statusCode()).as(number).isEqualTo(200);
			assertThat(response.body()).contains(number);
			passed++;
		}
	}

	@Test
	void formFieldsStillReachTheHandlerAfterInspection() {
		HttpResponse<String> response = this.http.post("/test/probe", "application/x-www-form-urlencoded",
				"name=%E5%AE%88%E3%82%8A+shop&quantity=42");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("守り shop").contains("42");
	}

	private static String randomDigits(Random random, int length) {
		StringBuilder digits = new StringBuilder();
		digits.append(1 + random.nextInt(9));
		while (digits.length() < length) {
			digits.append(random.nextInt(10));
		}
		return digits.toString();
	}

	private static boolean isLuhnValid(String number) {
		int sum = 0;
		for (int i = 0; i < number.length(); i++) {
			int digit = number.charAt(number.length() - 1 - i) - '0';
			if (i % 2 == 1) {
				digit = (digit * 2 > 9) ? digit * 2 - 9 : digit * 2;
			}
			sum += digit;
		}
		return sum % 10 == 0;
	}

}
