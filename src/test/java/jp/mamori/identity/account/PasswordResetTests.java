package jp.mamori.identity.account;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import jp.mamori.identity.api.PasswordResetController;
import jp.mamori.identity.api.TotpEnrolmentController;
import jp.mamori.identity.credentials.Base32;
import jp.mamori.identity.credentials.TotpCodes;
import jp.mamori.testing.MutableClock;
import jp.mamori.testing.RecordedSecurityEvents;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Password reset by a mailed link, over real HTTPS. */
@IdentityTest
class PasswordResetTests {

	static final String NEW_PASSWORD = "あたらしい合言葉は青い傘 2027";

	@Autowired
	MutableClock clock;

	@Autowired
	RecordedSecurityEvents events;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordResets resets;

	final TotpCodes codes = new TotpCodes();

	@Autowired
	AccountFixture accounts;

	AccountFixture.Customer customer;

	@BeforeEach
	void registerACustomer() {
		this.customer = this.accounts.aConfirmedCustomer("reset");
	}

	@Test
	void anUnknownLoginGetsTheSameAnswerAsAKnownOneAndOnlyTheOwnerGetsALink() {
		String unknown = "nobody" + UUID.randomUUID().toString().substring(0, 8);
		List<HttpResponse<String>> answers = List.of(this.accounts.requestReset(this.customer.userId(), "en"),
				this.accounts.requestReset(unknown, "en"), this.accounts.requestReset(unknown + "@example.jp", "en"));
		for (HttpResponse<String> answer : answers) {
			assertThat(answer.statusCode()).isEqualTo(202);
			assertThat(answer.body()).isEqualTo(answers.get(0).body());
		}
		assertThat(this.accounts.mails(this.customer.email(), "Reset your Mamori password")).hasSize(1);
		assertThat(this.accounts.mails(unknown + "@example.jp", "")).isEmpty();
		String link = (String) this.accounts.mails(this.customer.email(), "Reset").get(0).get("text");
		assertThat(link).contains("https://localhost:8443/password-reset?token=").contains("30 minutes");
	}

	@Test
	void aRequestWithoutASolvedBotCheckIsRefusedBeforeAnythingIsMailed() {
		HttpResponse<String> refused = this.accounts.client()
			.withoutBotCheck()
			.postJson(PasswordResetController.PATH, Map.of("login", this.customer.userId()), "X-Forwarded-For",
					CustomerSessionHttpTests.address());
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("urn:mamori:problem:bot-check-failed");
		assertThat(this.accounts.mails(this.customer.email(), "Reset")).isEmpty();
	}

	@Test
	void theTokenIsStoredOnlyAsItsHash() {
		this.accounts.requestReset(this.customer.email(), "en");
		String token = this.accounts.resetToken(this.customer.email());
		byte[] stored = this.jdbc.sql("select token_hash from identity_password_reset where account_id = ?")
			.param(UUID.fromString(this.customer.id()))
			.query(byte[].class)
			.single();
		assertThat(stored).isEqualTo(this.resets.hash(token));
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(token);
	}

	@Test
	void aResetSetsThePasswordEndsEverySessionAndTellsTheOwner() {
		CustomerClient signedIn = this.accounts.signedIn(this.customer.userId(), Registering.PASSWORD);
		assertThat(signedIn.session().statusCode()).isEqualTo(200);
		this.accounts.requestReset(this.customer.userId(), "ja");
		assertThat(this.accounts.mails(this.customer.email(), "パスワード再設定")).hasSize(1);
		HttpResponse<String> done = this.accounts.completeReset(this.accounts.resetToken(this.customer.email()),
				NEW_PASSWORD);
		assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
		assertThat(signedIn.session().statusCode()).isEqualTo(401);
		assertThat(this.accounts.client().signIn(this.customer.userId(), Registering.PASSWORD,
				CustomerSessionHttpTests.address()).statusCode()).isEqualTo(401);
		this.accounts.signedIn(this.customer.userId(), NEW_PASSWORD);
		assertThat(this.accounts.mails(this.customer.email(), "Your Mamori password was changed")).hasSize(1);
		assertThat(this.events.named("auth.password.changed")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("account_id", this.customer.id()).containsEntry("method", "reset"));
	}

	@Test
	void aTokenWorksOnceAndExpiresAfterThirtyMinutesAndANewRequestReplacesIt() {
		this.accounts.requestReset(this.customer.userId(), "en");
		String first = this.accounts.resetToken(this.customer.email());
		this.accounts.requestReset(this.customer.userId(), "en");
		String second = this.accounts.resetToken(this.customer.email());
		assertThat(second).isNotEqualTo(first);
		HttpResponse<String> replaced = this.accounts.completeReset(first, NEW_PASSWORD);
		assertThat(replaced.statusCode()).isEqualTo(400);
		assertThat(replaced.body()).contains("urn:mamori:problem:password-reset-invalid").doesNotContain(first);
		this.clock.advance(Duration.ofMinutes(30));
		assertThat(this.accounts.completeReset(second, NEW_PASSWORD).statusCode()).isEqualTo(400);
		this.accounts.requestReset(this.customer.userId(), "en");
		String third = this.accounts.resetToken(this.customer.email());
		this.clock.advance(Duration.ofMinutes(29));
		assertThat(this.accounts.completeReset(third, NEW_PASSWORD).statusCode()).isEqualTo(204);
		assertThat(this.accounts.completeReset(third, NEW_PASSWORD + "!").statusCode()).isEqualTo(400);
	}

	@Test
	void aWeakPasswordIsRefusedAndTheTokenStaysValid() {
		this.accounts.requestReset(this.customer.userId(), "en");
		String token = this.accounts.resetToken(this.customer.email());
		HttpResponse<String> weak = this.accounts.completeReset(token, "password1234");
		assertThat(weak.statusCode()).isEqualTo(400);
		assertThat(weak.body()).contains("validation-failed").contains("newPassword").doesNotContain("password1234");
		HttpResponse<String> mine = this.accounts.completeReset(token, this.customer.userId() + "2027!");
		assertThat(mine.statusCode()).isEqualTo(400);
		assertThat(this.accounts.completeReset(token, NEW_PASSWORD).statusCode()).isEqualTo(204);
	}

	@Test
	void threeLinksPerHourAreMailedForOneAccountWhateverTheSource() {
		for (int i = 0; i < 5; i++) {
			assertThat(this.accounts.requestReset(this.customer.userId(), "en").statusCode()).isEqualTo(202);
		}
		assertThat(this.accounts.mails(this.customer.email(), "Reset")).hasSize(3);
		this.clock.advance(Duration.ofHours(1));
		this.accounts.requestReset(this.customer.userId(), "en");
		assertThat(this.accounts.mails(this.customer.email(), "Reset")).hasSize(4);
	}

	@Test
	void oneSourceIsSlowedDownAfterFiveRequests() {
		String address = CustomerSessionHttpTests.address();
		List<Integer> answers = new java.util.ArrayList<>();
		HttpResponse<String> last = null;
		for (int i = 0; i < 8 && (last == null || last.statusCode() == 202); i++) {
			last = this.accounts.client().postJson(PasswordResetController.PATH,
					Map.of("login", "nobody" + i + UUID.randomUUID().toString().substring(0, 6)), "X-Forwarded-For",
					address);
			answers.add(last.statusCode());
		}
		assertThat(answers).startsWith(202, 202, 202, 202, 202).endsWith(429);
		assertThat(last.headers().firstValue("Retry-After")).isPresent();
		assertThat(last.body()).contains("urn:mamori:problem:sign-in-throttled");
	}

	@Test
	void aResetDoesNotSkipTheSecondFactor() {
		CustomerClient owner = this.accounts.signedIn(this.customer.userId(), Registering.PASSWORD);
		HttpResponse<String> started = owner.postJson(TotpEnrolmentController.PATH, Map.of());
		String secret = (String) AccountFixture.body(started).get("secret");
		HttpResponse<String> confirmed = owner.postJson(TotpEnrolmentController.PATH + "/confirmation",
				Map.of("code", this.codes.code(Base32.decode(secret), this.clock.instant())));
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
		this.accounts.requestReset(this.customer.userId(), "en");
		assertThat(this.accounts.completeReset(this.accounts.resetToken(this.customer.email()), NEW_PASSWORD)
			.statusCode()).isEqualTo(204);
		CustomerClient client = this.accounts.client();
		HttpResponse<String> signIn = client.signIn(this.customer.userId(), NEW_PASSWORD,
				CustomerSessionHttpTests.address());
		assertThat(signIn.body()).isEqualTo("{\"next\":\"totp\"}");
		assertThat(client.session().statusCode()).isEqualTo(401);
	}

	@Test
	void aResetEndsALockoutAndInvalidInputGetsAProblem() {
		for (int i = 0; i < 10; i++) {
			this.accounts.client().signIn(this.customer.userId(), "wrong password " + i, CustomerSessionHttpTests.address());
		}
		assertThat(this.accounts.client().signIn(this.customer.userId(), Registering.PASSWORD,
				CustomerSessionHttpTests.address()).statusCode()).isEqualTo(401);
		this.accounts.requestReset(this.customer.userId(), "en");
		assertThat(this.accounts.completeReset(this.accounts.resetToken(this.customer.email()), NEW_PASSWORD)
			.statusCode()).isEqualTo(204);
		this.accounts.signedIn(this.customer.userId(), NEW_PASSWORD);
		HttpResponse<String> empty = this.accounts.client().postJson(PasswordResetController.COMPLETION_PATH,
				Map.of("token", "x"));
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(empty.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
	}

}
