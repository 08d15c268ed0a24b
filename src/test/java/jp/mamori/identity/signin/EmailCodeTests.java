package jp.mamori.identity.signin;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.Registering;
import jp.mamori.identity.api.CustomerApiSecurity;
import jp.mamori.identity.api.CustomerSessionHttpTests;
import jp.mamori.identity.api.EmailCodeController;
import jp.mamori.testing.MutableClock;
import jp.mamori.testing.RecordedSecurityEvents;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import jp.mamori.platform.JapanTime;

/** Passwordless sign-in by e-mail code over real HTTPS, and the notice mailed after each sign-in. */
@IdentityTest
public class EmailCodeTests {

	public static final String CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

	@Autowired
	AccountFixture customers;

	@Autowired
	MutableClock clock;

	@Autowired
	RecordedSecurityEvents events;

	@Autowired
	JdbcClient jdbc;

	Registering registering;

	String userId;

	String email;

	String customer;

	@BeforeEach
	void registerACustomer() {
		this.registering = this.customers.registering();
		String unique = UUID.randomUUID().toString().substring(0, 8);
		this.userId = "code" + unique;
		this.email = "code" + unique + "@example.jp";
		this.customer = this.registering.registerAndConfirm(Registering.request(this.userId, this.email, "佐藤", "サトウ"));
	}

	@Test
	void anUnknownIdentifierGetsTheSameAnswerAsAKnownOne() {
		String unknown = "nobody" + UUID.randomUUID().toString().substring(0, 8);
		List<HttpResponse<String>> answers = List.of(request(this.userId), request(this.email), request(unknown),
				request(unknown + "@example.jp"));
		for (HttpResponse<String> answer : answers) {
			assertThat(answer.statusCode()).isEqualTo(202);
			assertThat(CustomerSessionHttpTests.withoutRequestId(answer.body()))
				.isEqualTo(CustomerSessionHttpTests.withoutRequestId(answers.get(0).body()));
		}
		assertThat(codeMails(this.email)).hasSize(2);
		assertThat(codeMails(unknown + "@example.jp")).isEmpty();
	}

	@Test
	void aCodeSignsInOnceAndIsRefusedTheSecondTime() {
		request(this.email);
		String code = code();
		CustomerClient client = client();
		HttpResponse<String> signedIn = verify(client, this.userId, code);
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
		assertThat(signedIn.body()).contains(this.customer);
		assertThat(client.session().statusCode()).isEqualTo(200);
		assertThat(this.events.named("auth.login.succeeded")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("account_id", this.customer).containsEntry("method", "email_code"));
		HttpResponse<String> again = verify(client(), this.userId, code);
		assertThat(again.statusCode()).isEqualTo(401);
		assertThat(again.body()).contains("urn:mamori:problem:email-code-failed").doesNotContain(code);
		assertThat(this.events.named("auth.login.failed")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("account_id", this.customer).containsEntry("method", "email_code")
			.doesNotContainValue(code));
	}

	@Test
	void aCodeExpiresAfterTenMinutes() {
		request(this.userId);
		String code = code();
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(verify(client(), this.userId, code).statusCode()).isEqualTo(401);
		request(this.userId);
		this.clock.advance(Duration.ofMinutes(9));
		assertThat(verify(client(), this.userId, code()).statusCode()).isEqualTo(200);
	}

	@Test
	void fiveWrongTriesEndTheCode() {
		request(this.userId);
		String code = code();
		for (int i = 1; i <= 5; i++) {
			assertThat(verify(client(), this.userId, wrong(code, i)).statusCode()).isEqualTo(401);
		}
		assertThat(verify(client(), this.userId, code).statusCode()).isEqualTo(401);
	}

	@Test
	void aNewCodeDoesNotResetTheFailureBudgetAndFifteenWrongCodesCloseTheEmailPathForADay() {
		for (int round = 0; round < 3; round++) {
			request(this.userId);
			String code = code();
			int wrongTries = (round < 2) ? 5 : 4;
			for (int i = 1; i <= wrongTries; i++) {
				assertThat(verify(client(), this.userId, wrong(code, i)).statusCode()).isEqualTo(401);
			}
		}
		// 14 wrong so far; a new code's first wrong try is the 15th, and then even its right code is refused.
		request(this.userId);
		String code = code();
		assertThat(verify(client(), this.userId, wrong(code, 1)).statusCode()).isEqualTo(401);
		assertThat(verify(client(), this.userId, code).statusCode()).isEqualTo(401);
		assertThat(this.events.named("auth.login.failed")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("account_id", this.customer).containsEntry("reason", "email_code_locked"));
		int mails = codeMails(this.email).size();
		assertThat(request(this.userId).statusCode()).isEqualTo(202);
		assertThat(codeMails(this.email)).as("no code is mailed while the path is closed").hasSize(mails);
		this.clock.advance(EmailCodeSignIn.FAILURE_WINDOW);
		request(this.userId);
		assertThat(verify(client(), this.userId, code()).statusCode()).isEqualTo(200);
	}

	@Test
	void duringAPasswordLockoutTheOwnerStillSignsInWithAnEmailCodeAndTheLockoutEnds() {
		CustomerClient attacker = client();
		for (int i = 0; i < 10; i++) {
			attacker.signIn(this.userId, "wrong password " + i, CustomerSessionHttpTests.address());
		}
		assertThat(this.events.named("auth.lockout.started"))
			.anySatisfy((event) -> assertThat(event.attributes()).containsEntry("account_id", this.customer));
		assertThat(client().signIn(this.userId, Registering.PASSWORD, CustomerSessionHttpTests.address()).statusCode())
			.as("locked").isEqualTo(401);
		request(this.userId);
		assertThat(verify(client(), this.userId, code()).statusCode()).isEqualTo(200);
		assertThat(this.events.named("auth.lockout.ended")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("account_id", this.customer).containsEntry("reason", "email_code"));
		assertThat(client().signIn(this.userId, Registering.PASSWORD, CustomerSessionHttpTests.address()).statusCode())
			.isEqualTo(200);
	}

	@Test
	void theCodeIsStoredOnlyAsAHash() {
		request(this.userId);
		String code = code();
		String row = this.jdbc
			.sql("select e::text from identity_email_code e where account_id = ?::uuid")
			.param(this.customer)
			.query(String.class)
			.single();
		byte[] hash = this.jdbc.sql("select code_hash from identity_email_code where account_id = ?::uuid")
			.param(this.customer)
			.query(byte[].class)
			.single();
		assertThat(row).doesNotContain(code);
		assertThat(new String(hash, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(code);
		assertThat(hash).hasSize(jp.mamori.identity.credentials.SecretDigests.KEY_ID_LENGTH + 32);
	}

	@Test
	void aSignInNoticeArrivesWithTheMethodDeviceAddressAndJapanTime() {
		request(this.userId);
		String address = CustomerSessionHttpTests.address();
		HttpResponse<String> signedIn = client().postJson(EmailCodeController.VERIFICATION_PATH,
				Map.of("identifier", this.userId, "code", code()), "X-Forwarded-For", address, "User-Agent",
				CHROME_ON_WINDOWS);
		assertThat(signedIn.statusCode()).isEqualTo(200);
		String japanTime = this.clock.instant()
			.atZone(JapanTime.ZONE)
			.format(DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH));
		assertThat(notice()).contains("Time: " + japanTime + " (Japan time)")
			.contains("Device: Chrome (Windows)")
			.contains("Address: " + address)
			.contains("Method: code by e-mail")
			.doesNotContain("Mozilla");
		HttpResponse<String> password = client().postJson(CustomerApiSecurity.SESSION_PATH,
				Map.of("userId", this.userId, "password", Registering.PASSWORD), "X-Forwarded-For",
				CustomerSessionHttpTests.address(), "Accept-Language", "ja");
		assertThat(password.statusCode()).isEqualTo(200);
		String japanese = this.clock.instant()
			.atZone(JapanTime.ZONE)
			.format(DateTimeFormatter.ofPattern("yyyy年M月d日 H:mm", Locale.JAPANESE));
		assertThat(notice()).contains("日時: " + japanese + "（日本時間）")
			.contains("方法: パスワード")
			.doesNotContain(Registering.PASSWORD);
	}

	@Test
	void noAttackPayloadAsTheIdentifierCausesAServerError() throws Exception {
		CustomerClient client = client();
		List<String> failures = new ArrayList<>();
		for (String payload : SignInAttackPayloadTests.payloads()) {
			HttpResponse<String> asked = client.postJson(EmailCodeController.PATH, Map.of("identifier", payload),
					"X-Forwarded-For", CustomerSessionHttpTests.address());
			HttpResponse<String> verified = client.postJson(EmailCodeController.VERIFICATION_PATH,
					Map.of("identifier", payload, "code", "123456"), "X-Forwarded-For",
					CustomerSessionHttpTests.address());
			for (HttpResponse<String> response : List.of(asked, verified)) {
				if (response.statusCode() >= 500 || response.body().contains("Exception")) {
					failures.add(response.statusCode() + " for " + payload);
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	private CustomerClient client() {
		return this.customers.client();
	}

	private HttpResponse<String> request(String identifier) {
		return client().postJson(EmailCodeController.PATH, Map.of("identifier", identifier), "X-Forwarded-For",
				CustomerSessionHttpTests.address());
	}

	private HttpResponse<String> verify(CustomerClient client, String identifier, String code) {
		return client.postJson(EmailCodeController.VERIFICATION_PATH, Map.of("identifier", identifier, "code", code),
				"X-Forwarded-For", CustomerSessionHttpTests.address());
	}

	private List<Map<?, ?>> codeMails(String address) {
		return this.registering.mails(address)
			.stream()
			.filter((mail) -> "Your Mamori sign-in code".equals(mail.get("subject")))
			.toList();
	}

	/** The code in the newest code mail to the customer. */
	private String code() {
		String text = (String) codeMails(this.email).get(0).get("text");
		var matcher = java.util.regex.Pattern.compile("\\b([0-9]{6})\\b").matcher(text);
		assertThat(matcher.find()).as("a code in the mail").isTrue();
		return matcher.group(1);
	}

	/** The text of the newest sign-in notice to the customer. */
	private String notice() {
		return this.registering.mails(this.email)
			.stream()
			.filter((mail) -> String.valueOf(mail.get("subject")).contains("ログイン")
					|| String.valueOf(mail.get("subject")).startsWith("New sign-in"))
			.map((mail) -> (String) mail.get("text"))
			.findFirst()
			.orElseThrow();
	}

	private static String wrong(String code, int offset) {
		return String.format("%06d", (Integer.parseInt(code) + offset) % 1_000_000);
	}

}
