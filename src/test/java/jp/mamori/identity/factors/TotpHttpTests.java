package jp.mamori.identity.factors;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.identity.CustomerAccounts;
import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.api.CustomerProfileController;
import jp.mamori.identity.api.CustomerSessionHttpTests;
import jp.mamori.identity.api.TotpEnrolmentController;
import jp.mamori.identity.api.TotpSignInController;
import jp.mamori.identity.credentials.Base32;
import jp.mamori.identity.credentials.TotpCodes;
import jp.mamori.testing.MutableClock;
import jp.mamori.testing.RecordedSecurityEvents;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** TOTP as a customer meets it over real HTTPS; the test computes the codes as an authenticator would. */
@IdentityTest
class TotpHttpTests {

	static final String PASSWORD = "朝霧の橋を渡る 七つの灯り 2026";

	@Autowired
	AccountFixture customers;

	@Autowired
	CustomerAccounts accounts;

	@Autowired
	RecordedSecurityEvents events;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	final TotpCodes codes = new TotpCodes();

	String userId;

	CustomerId account;

	String address;

	@BeforeEach
	void createAccount() {
		this.userId = "totp-" + UUID.randomUUID().toString().substring(0, 8);
		this.account = this.accounts.create(this.userId, PASSWORD);
		this.address = CustomerSessionHttpTests.address();
	}

	@Test
	void afterEnrolmentThePasswordAloneNoLongerSignsInButPasswordAndCodeDo() {
		CustomerClient owner = signedIn();
		HttpResponse<String> started = owner.postJson(TotpEnrolmentController.PATH, Map.of());
		assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
		Map<?, ?> enrolment = CustomerClient.json.readValue(started.body(), Map.class);
		String secret = (String) enrolment.get("secret");
		assertThat(secret).matches("[A-Z2-7]{32}");
		assertThat((String) enrolment.get("uri"))
			.isEqualTo("otpauth://totp/Mamori:" + this.userId + "?secret=" + secret + "&issuer=Mamori");
		assertThat((String) enrolment.get("qrSvg")).startsWith("<svg").endsWith("</svg>");

		assertThat(confirm(owner, wrong(code(secret))).statusCode()).isEqualTo(400);
		List<String> recovery = enrolled(owner, secret);
		assertThat(recovery).hasSize(10).doesNotHaveDuplicates();
		assertThat(this.events.named("auth.mfa.enrolled"))
			.anySatisfy((event) -> assertThat(event.attributes()).containsEntry("account_id", this.account.toString()));
		owner.withCsrfToken().signOut();

		CustomerClient client = this.customers.client();
		HttpResponse<String> password = client.signIn(this.userId, PASSWORD, this.address);
		assertThat(password.statusCode()).isEqualTo(200);
		assertThat(password.body()).isEqualTo("{\"next\":\"totp\"}");
		assertThat(client.session().statusCode()).isEqualTo(401);
		assertThat(client.get(CustomerProfileController.PATH).statusCode()).isEqualTo(401);
		String halfway = client.cookie("__Host-MAMORI_SESSION").orElseThrow();

		this.clock.advance(Duration.ofSeconds(30));
		String code = code(secret);
		HttpResponse<String> completed = client.postJson(TotpSignInController.PATH, Map.of("code", code), "X-Forwarded-For", this.address);
		assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
		assertThat(client.cookie("__Host-MAMORI_SESSION").orElseThrow()).isNotEqualTo(halfway);
		assertThat(client.session().body()).contains(this.account.toString());
		assertThat(this.events.named("auth.login.succeeded")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("account_id", this.account.toString())
			.containsEntry("method", "password+totp"));

		// The same code again, in another sign-in within its step, is refused.
		CustomerClient replay = this.customers.client();
		assertThat(replay.signIn(this.userId, PASSWORD, this.address).statusCode()).isEqualTo(200);
		assertThat(replay.postJson(TotpSignInController.PATH, Map.of("code", code), "X-Forwarded-For", this.address).statusCode())
			.isEqualTo(401);
		assertThat(replay.session().statusCode()).isEqualTo(401);
	}

	@Test
	void aRecoveryCodeSignsInOnce() {
		CustomerClient owner = signedIn();
		List<String> recovery = enrolled(owner, start(owner));
		String spare = recovery.get(3);

		CustomerClient first = this.customers.client();
		first.signIn(this.userId, PASSWORD, this.address);
		HttpResponse<String> used = first.postJson(TotpSignInController.PATH, Map.of("code", spare.toUpperCase()),
				"X-Forwarded-For", this.address);
		assertThat(used.statusCode()).as(used.body()).isEqualTo(200);
		assertThat(this.events.named("auth.login.succeeded")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("account_id", this.account.toString())
			.containsEntry("factor", "recovery_code"));

		CustomerClient second = this.customers.client();
		second.signIn(this.userId, PASSWORD, this.address);
		assertThat(second.postJson(TotpSignInController.PATH, Map.of("code", spare), "X-Forwarded-For", this.address).statusCode())
			.isEqualTo(401);
	}

	@Test
	void enrolmentAndRemovalNeedASignInWithinTenMinutes() {
		CustomerClient owner = signedIn();
		this.clock.advance(Duration.ofMinutes(11));
		HttpResponse<String> refused = owner.postJson(TotpEnrolmentController.PATH, Map.of());
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("fresh-sign-in-required");
		assertThat(owner.delete(TotpEnrolmentController.PATH).statusCode()).isEqualTo(403);

		CustomerClient again = signedIn();
		String secret = start(again);
		enrolled(again, secret);
		this.clock.advance(Duration.ofMinutes(11));
		assertThat(again.delete(TotpEnrolmentController.PATH).statusCode()).isEqualTo(403);
		assertThat(this.jdbc.sql("select count(*) from identity_customer_totp where account_id = ?")
			.param(this.account.value())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void removingTotpLetsThePasswordAloneSignInAgain() {
		CustomerClient owner = signedIn();
		enrolled(owner, start(owner));
		assertThat(owner.delete(TotpEnrolmentController.PATH).statusCode()).isEqualTo(204);
		assertThat(this.events.named("auth.mfa.removed"))
			.anySatisfy((event) -> assertThat(event.attributes()).containsEntry("account_id", this.account.toString()));
		CustomerClient client = this.customers.client();
		HttpResponse<String> response = client.signIn(this.userId, PASSWORD, this.address);
		assertThat(response.body()).contains("customerId");
		assertThat(client.session().statusCode()).isEqualTo(200);
	}

	@Test
	void theSecretIsStoredOnlyAsCiphertext() {
		CustomerClient owner = signedIn();
		String secret = start(owner);
		byte[] raw = Base32.decode(secret);
		Map<String, Object> row = this.jdbc
			.sql("select secret_sealed, encode(secret_sealed, 'escape') as text, secret_key_ref from identity_customer_totp where account_id = ?")
			.param(this.account.value())
			.query()
			.singleRow();
		byte[] sealed = (byte[]) row.get("secret_sealed");
		String hex = HexFormat.of().formatHex(sealed);
		assertThat(sealed.length).isGreaterThan(raw.length);
		assertThat(hex).doesNotContain(HexFormat.of().formatHex(raw))
			.doesNotContain(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.US_ASCII)));
		assertThat((String) row.get("text")).doesNotContain(secret);
		assertThat((String) row.get("secret_key_ref")).doesNotContain(secret);
	}

	@Test
	void wrongCodesCountTowardsTheLockoutAndTheRightPasswordDoesNotResetThem() {
		CustomerClient owner = signedIn();
		String secret = start(owner);
		enrolled(owner, secret);
		CustomerClient client = this.customers.client();
		client.signIn(this.userId, PASSWORD, this.address);
		this.clock.advance(Duration.ofSeconds(30));
		for (int i = 0; i < 3; i++) {
			assertThat(client.postJson(TotpSignInController.PATH, Map.of("code", wrong(code(secret))),
					"X-Forwarded-For", CustomerSessionHttpTests.address()).statusCode()).isEqualTo(401);
		}
		assertThat(failures()).isEqualTo(3);
		client.signIn(this.userId, PASSWORD, this.address);
		assertThat(failures()).isEqualTo(3);
		assertThat(client.postJson(TotpSignInController.PATH, Map.of("code", code(secret)), "X-Forwarded-For", this.address).statusCode())
			.isEqualTo(200);
		assertThat(failures()).isZero();
	}

	@Test
	void aLockThatStartsAfterThePasswordStepRefusesTheRightCode() {
		CustomerClient owner = signedIn();
		String secret = start(owner);
		enrolled(owner, secret);
		CustomerClient client = this.customers.client();
		HttpResponse<String> password = client.signIn(this.userId, PASSWORD, this.address);
		assertThat(password.body()).contains("totp");
		this.clock.advance(Duration.ofSeconds(30));
		CustomerClient attacker = this.customers.client().withoutBotCheck();
		for (int i = 0; i < 10; i++) {
			assertThat(attacker.signIn(this.userId, "wrong guess " + i, "10.199." + i + ".1").statusCode())
				.isEqualTo(401);
		}
		assertThat(client.postJson(TotpSignInController.PATH, Map.of("code", code(secret)), "X-Forwarded-For",
				this.address).statusCode()).isEqualTo(401);
		assertThat(client.session().statusCode()).isEqualTo(401);
		this.clock.advance(Duration.ofDays(1));
	}

	@Test
	void thePasswordVerifiedStateLapsesAfterFiveMinutes() {
		CustomerClient owner = signedIn();
		String secret = start(owner);
		enrolled(owner, secret);
		CustomerClient client = this.customers.client();
		client.signIn(this.userId, PASSWORD, this.address);
		this.clock.advance(Duration.ofMinutes(5).plusSeconds(30));
		assertThat(client.postJson(TotpSignInController.PATH, Map.of("code", code(secret)), "X-Forwarded-For", this.address).statusCode())
			.isEqualTo(401);
		assertThat(client.session().statusCode()).isEqualTo(401);
	}

	private CustomerClient signedIn() {
		CustomerClient client = this.customers.client();
		HttpResponse<String> response = client.signIn(this.userId, PASSWORD, this.address);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return client.withCsrfToken();
	}

	private String start(CustomerClient client) {
		HttpResponse<String> started = client.postJson(TotpEnrolmentController.PATH, Map.of());
		assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
		return (String) CustomerClient.json.readValue(started.body(), Map.class).get("secret");
	}

	@SuppressWarnings("unchecked")
	private List<String> enrolled(CustomerClient client, String secret) {
		HttpResponse<String> confirmed = confirm(client, code(secret));
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
		return (List<String>) CustomerClient.json.readValue(confirmed.body(), Map.class).get("recoveryCodes");
	}

	private HttpResponse<String> confirm(CustomerClient client, String code) {
		return client.postJson(TotpEnrolmentController.PATH + "/confirmation", Map.of("code", code));
	}

	private String code(String secret) {
		return this.codes.code(Base32.decode(secret), this.clock.instant());
	}

	/** A code that is not the current one, nor one step either side. */
	private String wrong(String code) {
		String secret = code;
		int candidate = (Integer.parseInt(secret) + 500_000) % 1_000_000;
		return String.format("%06d", candidate);
	}

	private long failures() {
		return this.jdbc.sql("select coalesce(max(failures), 0) from identity_account_lockout where account_id = ?")
			.param(this.account.value())
			.query(Long.class)
			.single();
	}

}
