package jp.mamori.identity.session;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
import jp.mamori.identity.api.CustomerApiSecurity;
import jp.mamori.identity.api.CustomerSessionHttpTests;
import jp.mamori.identity.api.SessionListController;
import jp.mamori.identity.signin.EmailCodeTests;
import jp.mamori.testing.MutableClock;
import jp.mamori.testing.RecordedSecurityEvents;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** A customer's sessions over real HTTPS: listed, ended one by one or all but this one, and timed out. */
@IdentityTest
class ActiveSessionsHttpTests {

	static final String PASSWORD = "copper kettle 木漏れ日 2026 lane";

	@Autowired
	AccountFixture customers;

	@Autowired
	CustomerAccounts accounts;

	@Autowired
	RecordedSecurityEvents events;

	@Autowired
	MutableClock clock;

	String userId;

	CustomerId account;

	@BeforeEach
	void createAccount() {
		this.userId = "sess-" + UUID.randomUUID().toString().substring(0, 8);
		this.account = this.accounts.create(this.userId, PASSWORD);
	}

	@Test
	void theListShowsEverySessionWithAHandleThatIsNotTheSessionId() {
		CustomerClient phone = signedIn(SignInHistoryTests.CHROME_ON_ANDROID);
		CustomerClient laptop = signedIn(EmailCodeTests.CHROME_ON_WINDOWS);
		List<Map<String, Object>> sessions = sessions(laptop);
		assertThat(sessions).hasSize(2);
		Map<String, Object> current = sessions.stream().filter((session) -> Boolean.TRUE.equals(session.get("current")))
			.findFirst()
			.orElseThrow();
		Map<String, Object> other = sessions.stream().filter((session) -> Boolean.FALSE.equals(session.get("current")))
			.findFirst()
			.orElseThrow();
		assertThat(current).containsEntry("device", "Chrome (Windows)");
		assertThat(other).containsEntry("device", "Chrome (Android)");
		assertThat(other.get("address")).asString().startsWith("198.18.");
		assertThat(other.get("startedAt")).isNotNull();
		assertThat(other.get("lastSeenAt")).isNotNull();
		for (Map<String, Object> session : sessions) {
			String handle = (String) session.get("handle");
			assertThat(handle).isNotBlank()
				.isNotEqualTo(phone.cookie("__Host-MAMORI_SESSION").orElseThrow())
				.isNotEqualTo(laptop.cookie("__Host-MAMORI_SESSION").orElseThrow());
			assertThat(phone.cookie("__Host-MAMORI_SESSION").orElseThrow()).doesNotContain(handle);
		}
	}

	@Test
	void anEndedSessionsCookieStopsWorkingAtTheNextRequest() {
		CustomerClient phone = signedIn(SignInHistoryTests.CHROME_ON_ANDROID);
		CustomerClient laptop = signedIn(EmailCodeTests.CHROME_ON_WINDOWS);
		assertThat(phone.session().statusCode()).isEqualTo(200);
		String phoneHandle = handle(laptop, false);
		HttpResponse<String> ended = laptop.delete(SessionListController.SESSIONS_PATH + "/" + phoneHandle);
		assertThat(ended.statusCode()).as(ended.body()).isEqualTo(204);
		assertThat(phone.session().statusCode()).isEqualTo(401);
		assertThat(phone.get(SessionListController.SESSIONS_PATH).statusCode()).isEqualTo(401);
		assertThat(laptop.session().statusCode()).isEqualTo(200);
		assertThat(sessions(laptop)).hasSize(1);
		assertThat(this.events.named("auth.session.revoked")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("account_id", this.account.toString())
			.containsEntry("scope", "one")
			.containsEntry("count", "1")
			.containsEntry("source_address", "127.0.0.1")
			.hasEntrySatisfying("user_agent", (agent) -> assertThat(agent).startsWith("Java-http-client")));
	}

	@Test
	void anotherCustomersHandleIsNotFound() {
		String strangerId = "sess-" + UUID.randomUUID().toString().substring(0, 8);
		this.accounts.create(strangerId, PASSWORD);
		CustomerClient stranger = this.customers.client();
		assertThat(stranger.signIn(strangerId, PASSWORD, CustomerSessionHttpTests.address()).statusCode()).isEqualTo(200);
		stranger.withCsrfToken();
		String strangersHandle = handle(stranger, true);

		CustomerClient client = signedIn(EmailCodeTests.CHROME_ON_WINDOWS);
		for (String handle : new String[] { strangersHandle, "no-such-handle" }) {
			HttpResponse<String> response = client.delete(SessionListController.SESSIONS_PATH + "/" + handle);
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.body()).contains("urn:mamori:problem:session-not-found");
		}
		assertThat(stranger.session().statusCode()).isEqualTo(200);
	}

	@Test
	void endingAllOthersKeepsOnlyThisSession() {
		CustomerClient first = signedIn(SignInHistoryTests.CHROME_ON_ANDROID);
		CustomerClient second = signedIn(SignInHistoryTests.CHROME_ON_ANDROID);
		CustomerClient keeper = signedIn(EmailCodeTests.CHROME_ON_WINDOWS);
		HttpResponse<String> refused = keeper.delete(SessionListController.SESSIONS_PATH);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("urn:mamori:problem:sessions-except-current");
		assertThat(first.session().statusCode()).isEqualTo(200);
		HttpResponse<String> ended = keeper.delete(SessionListController.SESSIONS_PATH + "?except=current");
		assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
		assertThat(ended.body()).isEqualTo("{\"ended\":2}");
		assertThat(first.session().statusCode()).isEqualTo(401);
		assertThat(second.session().statusCode()).isEqualTo(401);
		assertThat(keeper.session().statusCode()).isEqualTo(200);
		assertThat(sessions(keeper)).hasSize(1).allSatisfy((session) -> assertThat(session).containsEntry("current", true));
	}

	@Test
	void endingTheCurrentSessionByItsHandleSignsOut() {
		CustomerClient client = signedIn(EmailCodeTests.CHROME_ON_WINDOWS);
		assertThat(client.delete(SessionListController.SESSIONS_PATH + "/" + handle(client, true)).statusCode())
			.isEqualTo(204);
		assertThat(client.session().statusCode()).isEqualTo(401);
	}

	@Test
	void aSessionLeftIdleForThirtyMinutesEndsButABusyOneGoesOn() {
		CustomerClient client = signedIn(EmailCodeTests.CHROME_ON_WINDOWS);
		for (int i = 0; i < 3; i++) {
			this.clock.advance(Duration.ofMinutes(29));
			assertThat(client.session().statusCode()).as("after %d × 29 minutes", i + 1).isEqualTo(200);
		}
		this.clock.advance(Duration.ofMinutes(30));
		assertThat(client.session().statusCode()).isEqualTo(401);
		assertThat(this.events.named("auth.session.expired")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("account_id", this.account.toString())
			.containsEntry("reason", "idle"));
	}

	@Test
	void aSessionEndsSevenDaysAfterSignIn() {
		CustomerClient client = signedIn(EmailCodeTests.CHROME_ON_WINDOWS);
		this.clock.advance(Duration.ofDays(7));
		assertThat(client.session().statusCode()).isEqualTo(401);
		assertThat(this.events.named("auth.session.expired")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("account_id", this.account.toString())
			.containsEntry("reason", "absolute"));
	}

	@Test
	void theAbsoluteLimitCountsFromSignInNotFromTheLastRequest() {
		MutableClock clock = new MutableClock(Instant.parse("2026-05-01T00:00:00Z"));
		SessionLifetime lifetime = new SessionLifetime(Duration.ofDays(7), Duration.ofMinutes(30), clock);
		Map<String, Object> session = new HashMap<>();
		session.put(CustomerSessions.SIGNED_IN_AT, clock.millis());
		for (int i = 0; i < 7 * 24 * 2 - 1; i++) {
			clock.advance(Duration.ofMinutes(30).minusSeconds(1));
			assertThat(lifetime.ending(session::get)).isEqualTo(SessionLifetime.Ending.NONE);
			session.put(CustomerSessions.LAST_SEEN_AT, clock.millis());
		}
		clock.set(Instant.parse("2026-05-08T00:00:00Z"));
		assertThat(lifetime.ending(session::get)).isEqualTo(SessionLifetime.Ending.ABSOLUTE);
	}

	@Test
	void theSessionListNeedsASignIn() {
		CustomerClient anonymous = this.customers.client();
		assertThat(anonymous.get(SessionListController.SESSIONS_PATH).statusCode()).isEqualTo(401);
		assertThat(anonymous.delete(SessionListController.SESSIONS_PATH + "?except=current").statusCode())
			.isEqualTo(401);
	}

	private CustomerClient signedIn(String userAgent) {
		CustomerClient client = this.customers.client();
		HttpResponse<String> response = client.postJson(CustomerApiSecurity.SESSION_PATH,
				Map.of("userId", this.userId, "password", PASSWORD), "X-Forwarded-For",
				CustomerSessionHttpTests.address(), "User-Agent", userAgent);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return client.withCsrfToken();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> sessions(CustomerClient client) {
		HttpResponse<String> response = client.get(SessionListController.SESSIONS_PATH);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return (List<Map<String, Object>>) CustomerClient.json.readValue(response.body(), Map.class).get("sessions");
	}

	private static String handle(CustomerClient client, boolean current) {
		return sessions(client).stream()
			.filter((session) -> Boolean.valueOf(current).equals(session.get("current")))
			.map((session) -> (String) session.get("handle"))
			.findFirst()
			.orElseThrow();
	}

}
