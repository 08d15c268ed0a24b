package jp.mamori.identity.factors;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.Registering;
import jp.mamori.identity.api.CustomerSessionHttpTests;
import jp.mamori.identity.api.TotpEnrolmentController;
import jp.mamori.identity.api.TotpSignInController;
import jp.mamori.identity.credentials.Base32;
import jp.mamori.identity.credentials.TotpCodes;
import jp.mamori.identity.signin.EmailCodeTests;
import jp.mamori.testing.MutableClock;
import jp.mamori.testing.RecordedSecurityEvents;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** A sign-in completed with TOTP or a recovery code is announced once, when it completes. */
@IdentityTest
class SecondFactorNoticeTests {

	static final String NOTICE_SUBJECT = "New sign-in to your Mamori account";

	@Autowired
	AccountFixture customers;

	@Autowired
	MutableClock clock;

	@Autowired
	RecordedSecurityEvents events;

	final TotpCodes codes = new TotpCodes();

	Registering registering;

	String userId;

	String email;

	String customer;

	String secret;

	List<String> recoveryCodes;

	@BeforeEach
	@SuppressWarnings("unchecked")
	void registerACustomerWithTotp() {
		this.registering = this.customers.registering();
		String unique = UUID.randomUUID().toString().substring(0, 8);
		this.userId = "notice" + unique;
		this.email = "notice" + unique + "@example.jp";
		this.customer = this.registering
			.registerAndConfirm(Registering.request(this.userId, this.email, "高橋", "タカハシ"));
		CustomerClient owner = this.customers.client();
		assertThat(signIn(owner).statusCode()).isEqualTo(200);
		owner.withCsrfToken();
		HttpResponse<String> started = owner.postJson(TotpEnrolmentController.PATH, Map.of());
		this.secret = (String) CustomerClient.json.readValue(started.body(), Map.class).get("secret");
		HttpResponse<String> confirmed = owner.postJson(TotpEnrolmentController.PATH + "/confirmation",
				Map.of("code", code()));
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
		this.recoveryCodes = (List<String>) CustomerClient.json.readValue(confirmed.body(), Map.class).get("recoveryCodes");
		this.clock.advance(Duration.ofSeconds(30));
	}

	@Test
	void aTotpSignInIsAnnouncedOnceWhenTheCodeCompletesIt() {
		int before = notices().size();
		CustomerClient client = this.customers.client();
		assertThat(signIn(client).body()).isEqualTo("{\"next\":\"totp\"}");
		assertThat(notices()).as("nothing at the password step").hasSize(before);
		HttpResponse<String> completed = client.postJson(TotpSignInController.PATH, Map.of("code", code()),
				"User-Agent", EmailCodeTests.CHROME_ON_WINDOWS);
		assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
		List<String> notices = notices();
		assertThat(notices).hasSize(before + 1);
		assertThat(notices.get(0)).contains("password and authenticator app").contains("Chrome (Windows)");
	}

	@Test
	void turningTheAuthenticatorOnAndOffIsAnnounced() {
		assertThat(subjects()).contains("An authenticator app was set up for your Mamori account");
		CustomerClient client = this.customers.client();
		signIn(client);
		HttpResponse<String> completed = client.postJson(TotpSignInController.PATH, Map.of("code", code()));
		assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
		HttpResponse<String> removed = client.withCsrfToken().delete(TotpEnrolmentController.PATH);
		assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
		// Removed by a request without Accept-Language: the notice is in Japanese, Mamori's default.
		assertThat(subjects().get(0)).isEqualTo("【Mamori】2段階認証が解除されました");
		assertThat((String) this.registering.mails(this.email).get(0).get("text")).contains("日本時間")
			.doesNotContain(this.secret);
	}

	private List<String> subjects() {
		return this.registering.mails(this.email).stream().map((mail) -> (String) mail.get("subject")).toList();
	}

	@Test
	void aRecoveryCodeSignInIsAnnouncedToo() {
		int before = notices().size();
		CustomerClient client = this.customers.client();
		signIn(client);
		HttpResponse<String> completed = client.postJson(TotpSignInController.PATH,
				Map.of("code", this.recoveryCodes.get(0)));
		assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
		List<String> notices = notices();
		assertThat(notices).hasSize(before + 1);
		assertThat(notices.get(0)).contains("password and recovery code");
	}

	@Test
	void secondFactorEventsNameTheSourceAndUserAgentButNoPersonalData() {
		String customer = this.customer;
		assertThat(this.events.named("auth.mfa.enrolled")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("account_id", customer)
			.containsKeys("source_address", "user_agent"));
		CustomerClient client = this.customers.client();
		signIn(client);
		String address = CustomerSessionHttpTests.address();
		client.postJson(TotpSignInController.PATH, Map.of("code", code()), "X-Forwarded-For", address, "User-Agent",
				EmailCodeTests.CHROME_ON_WINDOWS);
		assertThat(this.events.named("auth.login.succeeded")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("account_id", customer)
			.containsEntry("factor", "totp")
			.containsEntry("source_address", address)
			.containsEntry("user_agent", EmailCodeTests.CHROME_ON_WINDOWS));
		for (var event : this.events.all()) {
			assertThat(event.attributes().values()).noneMatch((value) -> value.contains(this.userId)
					|| value.contains(this.email) || value.contains("高橋"));
		}
	}

	@Test
	void aWrongCodeIsAnnouncedNever() {
		int before = notices().size();
		CustomerClient client = this.customers.client();
		signIn(client);
		String wrong = String.format("%06d", (Integer.parseInt(code()) + 500_000) % 1_000_000);
		assertThat(client.postJson(TotpSignInController.PATH, Map.of("code", wrong)).statusCode()).isEqualTo(401);
		assertThat(notices()).hasSize(before);
	}

	private HttpResponse<String> signIn(CustomerClient client) {
		return client.signIn(this.userId, Registering.PASSWORD, CustomerSessionHttpTests.address());
	}

	private String code() {
		return this.codes.code(Base32.decode(this.secret), this.clock.instant());
	}

	/** Texts of the sign-in notices to the customer, newest first (the client asks in English). */
	private List<String> notices() {
		return this.registering.mails(this.email)
			.stream()
			.filter((mail) -> NOTICE_SUBJECT.equals(mail.get("subject")))
			.map((mail) -> (String) mail.get("text"))
			.toList();
	}

}
