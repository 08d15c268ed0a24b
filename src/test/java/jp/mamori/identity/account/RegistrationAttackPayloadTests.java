package jp.mamori.identity.account;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.Registering;
import jp.mamori.identity.api.CustomerSessionHttpTests;
import jp.mamori.identity.api.RegistrationController;
import jp.mamori.identity.signin.SignInAttackPayloadTests;
import jp.mamori.testing.TestHttp;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every payload of {@code attacks/} through every field of registration: never a server error, never
 * the payload echoed in an answer; and where a payload is a valid name, it is kept as the customer typed
 * it, never evaluated (mail, templates) and never shown unescaped (pages, the dev mailbox).
 */
@IdentityTest
class RegistrationAttackPayloadTests {

	@Autowired
	AccountFixture customers;

	@Autowired
	TestHttp http;

	@Test
	void noPayloadInAnyRegistrationFieldCausesAServerErrorOrIsEchoed() throws Exception {
		CustomerClient client = this.customers.client();
		List<String> failures = new ArrayList<>();
		List<String> payloads = SignInAttackPayloadTests.payloads();
		for (int i = 0; i < payloads.size(); i++) {
			String payload = payloads.get(i);
			// Every text field at once: validation reads them all, so each field meets each payload.
			Map<String, Object> everywhere = new HashMap<>();
			for (String field : List.of("userId", "password", "familyName", "givenName", "familyNameKana",
					"givenNameKana", "email")) {
				everywhere.put(field, payload);
			}
			everywhere.put("household", (i % 2 == 0) ? payload : "SINGLE");
			check(failures, payload, client.postJson(RegistrationController.PATH, everywhere));
			if (i % 25 == 0) {
				// The confirmation's fields too, against a registration that does not exist.
				check(failures, payload, client.postJson(RegistrationController.PATH + "/" + UUID.randomUUID()
						+ "/confirmation", Map.of("code", payload, "userId", payload)));
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void namesThatLookLikeCodeAreKeptAsTypedAndShownEscaped() throws Exception {
		CustomerClient client = this.customers.client();
		Registering registering = new Registering(client, this.http);
		List<String> candidates = SignInAttackPayloadTests.payloads()
			.stream()
			.filter((payload) -> payload.codePointCount(0, payload.length()) <= 50 && !payload.isBlank())
			.toList();
		// Markup, and template or expression syntax of every kind the lists hold.
		List<String> names = new ArrayList<>();
		candidates.stream().filter((payload) -> payload.startsWith("<")).limit(20).forEach(names::add);
		candidates.stream()
			.filter((payload) -> !payload.contains("<") && (payload.contains("${") || payload.contains("{{")
					|| payload.contains("#{") || payload.contains("*{") || payload.contains("'")))
			.limit(20)
			.forEach(names::add);
		List<String> accepted = new ArrayList<>();
		for (String name : names) {
			String unique = UUID.randomUUID().toString().substring(0, 8);
			String email = "payload" + unique + "@example.jp";
			HttpResponse<String> answer = client.postJson(RegistrationController.PATH,
					Registering.request("payload" + unique, email, name, "テスト"));
			if (answer.statusCode() == 400) {
				// Refused as a name (e.g. a control character): named, not repeated, nothing stored.
				assertThat(answer.body()).contains("\"field\":\"familyName\"").doesNotContain(name);
				assertThat(registering.mails(email)).isEmpty();
				continue;
			}
			assertThat(answer.statusCode()).as(name).isEqualTo(202);
			accepted.add(name);
			Map<?, ?> mail = registering.mails(email).get(0);
			// Plain text, as typed: no template or format evaluated the name (e.g. ${7*7} is not 49).
			assertThat((String) mail.get("text")).as(name).contains(name + " 花子");
			// The dev mailbox shows the mail escaped.
			HttpResponse<String> page = this.http.get("/dev/mailbox/" + mail.get("id"));
			assertThat(page.statusCode()).isEqualTo(200);
			if (name.contains("<")) {
				assertThat(page.body()).as(name).doesNotContain(name);
			}
		}
		// One of them all the way: confirmed, signed in, and the account page and profile show it masked.
		assertThat(accepted).hasSizeGreaterThanOrEqualTo(20);
		String name = accepted.stream().filter((candidate) -> candidate.startsWith("<")).findFirst().orElseThrow();
		String unique = UUID.randomUUID().toString().substring(0, 8);
		String userId = "shown" + unique;
		registering.registerAndConfirm(Registering.request(userId, "shown" + unique + "@example.jp", name, "テスト"));
		HttpResponse<String> signedIn = client.signIn(userId, Registering.PASSWORD, CustomerSessionHttpTests.address());
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
		HttpResponse<String> account = client.get("/account");
		assertThat(account.statusCode()).isEqualTo(200);
		assertThat(account.body()).contains("&lt;** 様").doesNotContain(name);
		assertThat(client.get("/api/v1/customer/profile").body()).doesNotContain(name);
	}

	private static void check(List<String> failures, String payload, HttpResponse<String> response) {
		int status = response.statusCode();
		if (status >= 500 || status < 400 || response.body().contains("Exception")) {
			failures.add(status + " for " + payload);
		}
		else if (payload.length() > 3 && response.body().contains(payload)) {
			failures.add("echoed: " + payload);
		}
	}

}
