package jp.mamori.identity.botcheck;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

import jp.mamori.identity.AltchaSolver;
import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.Registering;
import jp.mamori.identity.api.CustomerApiSecurity;
import jp.mamori.identity.api.EmailCodeController;
import jp.mamori.identity.api.RegistrationController;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.testing.MutableClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The ALTCHA bot check over real HTTPS: where it is asked for, and every way a solution is refused. */
@IdentityTest
class BotCheckTests {

	static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	AccountFixture customers;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AltchaBotCheck altcha;

	CustomerClient client() {
		return this.customers.client();
	}

	static Map<String, Object> registration() {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		return Registering.request("bot" + unique, "bot" + unique + "@example.jp", "鈴木", "スズキ");
	}

	int registrations() {
		return this.jdbc.sql("select count(*) from identity_registration").query(Integer.class).single();
	}

	@Test
	void registrationWithoutASolutionIsRefusedInTheCallersLanguageAndStoresNothing() {
		int before = registrations();
		CustomerClient script = client().withoutBotCheck();
		HttpResponse<String> english = script.postJson(RegistrationController.PATH, registration());
		HttpResponse<String> japanese = script.postJson(RegistrationController.PATH, registration(), "Accept-Language",
				"ja");
		assertThat(english.statusCode()).isEqualTo(400);
		assertThat(english.body()).contains("urn:mamori:problem:bot-check-failed").contains("not a robot");
		assertThat(japanese.statusCode()).isEqualTo(400);
		assertThat(japanese.body()).contains("ロボットでないことの確認");
		assertThat(registrations()).isEqualTo(before);
	}

	@Test
	void aSolvedChallengeRegistersOnceAndNeverAgain() {
		CustomerClient client = client().withoutBotCheck();
		String solution = client.botCheckSolution();
		HttpResponse<String> first = client.postJson(RegistrationController.PATH, registration(), BotCheck.HEADER,
				solution);
		HttpResponse<String> replayed = client.postJson(RegistrationController.PATH, registration(), BotCheck.HEADER,
				solution);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
		assertThat(replayed.statusCode()).isEqualTo(400);
		assertThat(replayed.body()).contains("bot-check-failed");
	}

	@Test
	void aChallengeSolvedTooLateIsRefused() {
		CustomerClient client = client().withoutBotCheck();
		String solution = client.botCheckSolution();
		this.clock.advance(Duration.ofMinutes(10));
		HttpResponse<String> late = client.postJson(RegistrationController.PATH, registration(), BotCheck.HEADER,
				solution);
		assertThat(late.statusCode()).isEqualTo(400);
	}

	@Test
	void forgedOrWrongSolutionsAreRefused() {
		CustomerClient client = client().withoutBotCheck();
		JsonNode challenge = json.readTree(challengeJson(client));
		// The wrong counter.
		assertRefused(client, AltchaSolver.payload(challenge, -1, "00"));
		// An easier puzzle: the client's own prefix, which breaks the signature.
		ObjectNode easier = (ObjectNode) challenge.deepCopy();
		((ObjectNode) easier.get("parameters")).put("keyPrefix", "0");
		assertRefused(client, AltchaSolver.payload(easier, 0, "0"));
		// A later expiry.
		ObjectNode longer = (ObjectNode) challenge.deepCopy();
		((ObjectNode) longer.get("parameters")).put("expiresAt", Long.MAX_VALUE / 2);
		assertRefused(client, AltchaSolver.solve(json.writeValueAsString(longer)));
		// Another algorithm, and an extra parameter.
		ObjectNode other = (ObjectNode) challenge.deepCopy();
		((ObjectNode) other.get("parameters")).put("algorithm", "SHA-1");
		assertRefused(client, AltchaSolver.solve(json.writeValueAsString(other)));
		ObjectNode extra = (ObjectNode) challenge.deepCopy();
		((ObjectNode) extra.get("parameters")).put("cost", 0);
		assertRefused(client, AltchaSolver.solve(json.writeValueAsString(extra)));
		// Not a payload at all.
		for (String junk : new String[] { "", "null", "%%%", "e30=", Base64.getEncoder().encodeToString("[1,2]".getBytes()),
				"A".repeat(5000), "' OR 1=1 --", "<script>alert(1)</script>" }) {
			assertRefused(client, junk);
		}
		// And the right one still works.
		HttpResponse<String> right = client.postJson(RegistrationController.PATH, registration(), BotCheck.HEADER,
				AltchaSolver.solve(json.writeValueAsString(challenge)));
		assertThat(right.statusCode()).as(right.body()).isEqualTo(202);
	}

	@Test
	void signInNeedsTheCheckOnlyAfterAddressFailures() {
		CustomerClient script = client().withoutBotCheck();
		String address = "203.0.113." + (1 + (int) (Math.random() * 250));
		this.jdbc.sql("delete from identity_source_throttle where subject = ? or subject = ?")
			.params(address, address.substring(0, address.lastIndexOf('.')) + ".0/24")
			.update();
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> wrong = script.signIn("nobody-" + i, "not the password at all", address);
			assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
		}
		HttpResponse<String> unsolved = script.signIn("nobody", "not the password at all", address);
		assertThat(unsolved.statusCode()).isEqualTo(400);
		assertThat(unsolved.body()).contains("bot-check-failed");
		HttpResponse<String> solved = script.postJson(CustomerApiSecurity.SESSION_PATH,
				Map.of("userId", "nobody", "password", "not the password at all"), "X-Forwarded-For", address,
				BotCheck.HEADER, script.botCheckSolution());
		assertThat(solved.statusCode()).as(solved.body()).isEqualTo(401);
		assertThat(solved.body()).contains("sign-in-failed");
	}

	@Test
	void emailCodeRequestsNeedTheCheck() {
		HttpResponse<String> unsolved = client().withoutBotCheck()
			.postJson(EmailCodeController.PATH, Map.of("identifier", "someone@example.jp"));
		assertThat(unsolved.statusCode()).isEqualTo(400);
		HttpResponse<String> solved = client().postJson(EmailCodeController.PATH, Map.of("identifier", "someone@example.jp"));
		assertThat(solved.statusCode()).isEqualTo(202);
	}

	@Test
	void theDefaultPuzzleHidesItsCounterAmongAHundredThousand() {
		AltchaBotCheck standard = new AltchaBotCheck(this.jdbc,
				new BotCheckProperties("altcha", 100_000, Duration.ofMinutes(10), 3, "", "", "", "", "mamori", 0.5), this.clock);
		int largest = 0;
		for (int i = 0; i < 20; i++) {
			String payload = AltchaSolver.solve(json.writeValueAsString(standard.challenge()));
			int counter = json.readTree(Base64.getDecoder().decode(payload)).path("solution").path("counter").asInt();
			assertThat(counter).isBetween(0, 100_000);
			largest = Math.max(largest, counter);
			assertThat(standard.verify(payload, new ClientSource(java.net.InetAddress.getLoopbackAddress(), "test")))
				.isTrue();
		}
		// Twenty draws all below 5,000 would happen once in 10^26 tries: the range is really used.
		assertThat(largest).isGreaterThan(5_000);
	}

	@Test
	void spentSolutionsAreForgottenOnlyAfterTheirChallengeExpired() {
		client().postJson(RegistrationController.PATH, registration());
		this.altcha.purgeSpent();
		assertThat(unexpiredSpent()).isPositive();
		this.clock.advance(Duration.ofMinutes(11));
		assertThat(this.altcha.purgeSpent()).isPositive();
		assertThat(this.jdbc.sql("select count(*) from identity_bot_check_spent").query(Integer.class).single())
			.isEqualTo(unexpiredSpent());
	}

	private int unexpiredSpent() {
		return this.jdbc.sql("select count(*) from identity_bot_check_spent where expires_at >= ?")
			.param(java.sql.Timestamp.from(this.clock.instant()))
			.query(Integer.class)
			.single();
	}

	private void assertRefused(CustomerClient client, String solution) {
		HttpResponse<String> answer = client.postJson(RegistrationController.PATH, registration(), BotCheck.HEADER,
				solution);
		assertThat(answer.statusCode()).as(solution).isEqualTo(400);
		assertThat(answer.body()).contains("bot-check-failed");
	}

	private String challengeJson(CustomerClient client) {
		HttpResponse<String> response = client.get(BotCheckController.PATH);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		return response.body();
	}

}
