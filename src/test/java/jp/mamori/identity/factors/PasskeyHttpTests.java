package jp.mamori.identity.factors;

import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.PasskeyDevice;
import jp.mamori.identity.Registering;
import jp.mamori.identity.api.CustomerSessionHttpTests;
import jp.mamori.identity.api.PasskeyController;
import jp.mamori.identity.api.PasskeySignInController;
import jp.mamori.identity.pages.PagePaths;
import jp.mamori.testing.MutableClock;
import jp.mamori.testing.PostgresTools;
import jp.mamori.testing.RecordedSecurityEvents;
import jp.mamori.testing.TestHttp;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import jp.mamori.platform.JapanTime;

/**
 * Passkeys as a customer meets them over real HTTPS, with WebAuthn4J's emulated browser and
 * authenticator playing the customer's device.
 */
@IdentityTest
class PasskeyHttpTests {

	@Autowired
	AccountFixture customers;

	@Autowired
	TestHttp http;

	@Autowired
	MutableClock clock;

	@Autowired
	RecordedSecurityEvents events;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	Registering registering;

	String userId;

	String email;

	String account;

	/** The address every request of one test comes from, so that throttling in one test stays there. */
	String address;

	final PasskeyDevice device = new PasskeyDevice();

	@BeforeEach
	void registerACustomer() {
		this.registering = this.customers.registering();
		String unique = UUID.randomUUID().toString().substring(0, 8);
		this.userId = "pk" + unique;
		this.email = "pk" + unique + "@example.jp";
		this.account = this.registering.registerAndConfirm(Registering.request(this.userId, this.email, "鈴木", "スズキ"));
		this.address = CustomerSessionHttpTests.address();
	}

	@Test
	void aRegisteredPasskeyAloneSignsInWithANewSessionAndANotice() {
		CustomerClient owner = signedIn();
		HttpResponse<String> started = post(owner, PasskeyController.OPTIONS_PATH, Map.of());
		assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
		Map<?, ?> publicKey = (Map<?, ?>) read(started).get("publicKey");
		Map<?, ?> user = (Map<?, ?>) publicKey.get("user");
		assertThat(((Map<?, ?>) publicKey.get("rp")).get("id")).isEqualTo("localhost");
		assertThat(user.get("name")).isEqualTo(this.account);
		assertThat(user.get("displayName")).isEqualTo(this.userId);
		assertThat(new String(PasskeyDevice.decode(user.get("id")))).doesNotContain(this.account)
			.doesNotContain(this.userId);
		assertThat(((Map<?, ?>) publicKey.get("authenticatorSelection")).get("userVerification")).isEqualTo("required");

		HttpResponse<String> registered = post(owner, PasskeyController.REGISTRATION_PATH,
				Map.of("challengeId", read(started).get("challengeId"), "label", "台所のノートPC",
						"credential", this.device.create(publicKey)));
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		assertThat(read(registered).get("label")).isEqualTo("台所のノートPC");
		assertThat(this.events.named("auth.mfa.enrolled")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("account_id", this.account)
			.containsEntry("factor", "passkey"));
		assertThat(subjects()).contains("A passkey was added to your Mamori account");
		String japanTime = this.clock.instant().atZone(JapanTime.ZONE).format(
				java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", java.util.Locale.ENGLISH));
		assertThat((String) this.registering.mails(this.email).get(0).get("text")).contains("Time: " + japanTime)
			.doesNotContain("台所");
		assertThat(new PostgresTools((HikariDataSource) this.dataSource).dump()).doesNotContain("台所のノートPC");
		assertThat(this.jdbc.sql("""
				select c.label, encode(c.label_sealed, 'escape') from identity_passkey_credential c
				join identity_passkey_user u on u.id = c.user_entity_user_id where u.account_id = ?::uuid""")
			.param(this.account)
			.query((rs, row) -> rs.getString(1) + "|" + rs.getString(2))
			.single()).startsWith(Passkeys.LABEL_PLACEHOLDER + "|").doesNotContain("台所");

		this.clock.advance(Duration.ofMinutes(3));
		CustomerClient client = this.customers.client();
		HttpResponse<String> signedIn = signInWithPasskey(client, this.device);
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
		assertThat(client.session().body()).contains(this.account);
		assertThat(this.events.named("auth.login.succeeded")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("account_id", this.account)
			.containsEntry("method", "passkey"));
		assertThat(notice()).contains("Method: passkey");

		Map<?, ?> listed = (Map<?, ?>) ((List<?>) read(client.withCsrfToken().get(PasskeyController.PATH)).get("passkeys"))
			.get(0);
		assertThat(listed.get("label")).isEqualTo("台所のノートPC");
		assertThat(listed.get("lastUsedAt")).isEqualTo(this.clock.instant().toString());
		assertThat(listed.get("createdAt")).isEqualTo(this.clock.instant().minus(Duration.ofMinutes(3)).toString());
	}

	@Test
	void aPasskeyCompletesAPasswordSignInForAnAccountWithoutTotp() {
		registerPasskey(signedIn(), "phone");
		CustomerClient client = this.customers.client();
		HttpResponse<String> password = client.signIn(this.userId, Registering.PASSWORD, this.address);
		assertThat(password.body()).isEqualTo("{\"next\":\"passkey\"}");
		assertThat(client.session().statusCode()).isEqualTo(401);

		HttpResponse<String> options = post(client, PasskeySignInController.SECOND_STEP_OPTIONS_PATH, Map.of());
		assertThat(options.statusCode()).as(options.body()).isEqualTo(200);
		Map<?, ?> publicKey = (Map<?, ?>) read(options).get("publicKey");
		assertThat((List<?>) publicKey.get("allowCredentials")).hasSize(1);
		HttpResponse<String> completed = post(client, PasskeySignInController.SECOND_STEP_PATH,
				Map.of("challengeId", read(options).get("challengeId"), "credential", this.device.get(publicKey)));
		assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
		assertThat(client.session().body()).contains(this.account);
		assertThat(this.events.named("auth.login.succeeded")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("account_id", this.account)
			.containsEntry("method", "password+passkey"));
	}

	@Test
	void theSecondStepNeedsAVerifiedPasswordAndAPasskeyOfThatAccount() {
		registerPasskey(signedIn(), "phone");
		CustomerClient stranger = this.customers.client();
		assertThat(post(stranger, PasskeySignInController.SECOND_STEP_OPTIONS_PATH, Map.of()).statusCode())
			.isEqualTo(401);

		// Another customer's password, this customer's passkey: refused, and counted against that account.
		String other = "pko" + UUID.randomUUID().toString().substring(0, 8);
		String otherAccount = this.registering.registerAndConfirm(Registering.request(other, other + "@example.jp", "鈴木", "スズキ"));
		CustomerClient otherOwner = this.customers.client();
		assertThat(otherOwner.signIn(other, Registering.PASSWORD, this.address).statusCode()).isEqualTo(200);
		registerPasskey(otherOwner.withCsrfToken(), new PasskeyDevice(), "other");
		CustomerClient client = this.customers.client();
		assertThat(client.signIn(other, Registering.PASSWORD, this.address).body()).contains("passkey");
		HttpResponse<String> options = post(client, PasskeySignInController.SECOND_STEP_OPTIONS_PATH, Map.of());
		Map<?, ?> publicKey = (Map<?, ?>) read(options).get("publicKey");
		HttpResponse<String> refused = post(client, PasskeySignInController.SECOND_STEP_PATH,
				Map.of("challengeId", read(options).get("challengeId"),
						"credential", this.device.get(Map.of("challenge", publicKey.get("challenge"), "rpId", "localhost",
								"userVerification", "required"))));
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(client.session().statusCode()).isEqualTo(401);
		assertThat(this.jdbc.sql("select failures from identity_account_lockout where account_id = ?::uuid")
			.param(otherAccount)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void anAssertionMadeForAnotherOriginIsRefusedAndCountedAgainstTheSource() {
		registerPasskey(signedIn(), "laptop");
		CustomerClient client = this.customers.client();
		HttpResponse<String> refused = signInWithPasskey(client, this.device.origin("https://mamori-login.example"));
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(read(refused).get("type")).isEqualTo("urn:mamori:problem:passkey-sign-in-failed");
		assertThat(client.session().statusCode()).isEqualTo(401);
		assertThat(this.jdbc.sql("select failures from identity_source_throttle where scope = 'address' and subject = ?")
			.param(this.address)
			.query(Integer.class)
			.single()).isEqualTo(1);
		assertThat(this.events.named("auth.login.failed")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("method", "passkey")
			.containsEntry("source_address", this.address)
			.containsEntry("reason", "bad_assertion"));
	}

	@Test
	void aSourceWhoseAssertionsKeepFailingMustWaitBeforeItGetsAChallenge() {
		registerPasskey(signedIn(), "laptop");
		this.device.origin("https://mamori-login.example");
		CustomerClient client = this.customers.client();
		HttpResponse<String> last = null;
		for (int i = 0; i < 8 && (last == null || last.statusCode() != 429); i++) {
			HttpResponse<String> options = post(client, PasskeySignInController.OPTIONS_PATH, Map.of());
			if (options.statusCode() == 429) {
				last = options;
				break;
			}
			last = post(client, PasskeySignInController.PATH, Map.of("challengeId", read(options).get("challengeId"),
					"credential", this.device.get((Map<?, ?>) read(options).get("publicKey"))));
		}
		assertThat(last.statusCode()).isEqualTo(429);
		assertThat(last.headers().firstValue("Retry-After")).isPresent();
		assertThat(post(client, PasskeySignInController.OPTIONS_PATH, Map.of()).statusCode()).isEqualTo(429);
		this.clock.advance(Duration.ofMinutes(16));
		assertThat(signInWithPasskey(client, this.device.origin(PasskeyDevice.ORIGIN)).statusCode()).isEqualTo(200);
	}

	@Test
	void aChallengeAnswersOnceAndNotAfterFiveMinutes() {
		registerPasskey(signedIn(), "laptop");
		CustomerClient client = this.customers.client();
		HttpResponse<String> options = post(client, PasskeySignInController.OPTIONS_PATH, Map.of());
		Map<String, Object> body = Map.of("challengeId", read(options).get("challengeId"), "credential",
				this.device.get((Map<?, ?>) read(options).get("publicKey")));
		assertThat(post(client, PasskeySignInController.PATH, body).statusCode()).isEqualTo(200);
		CustomerClient replay = this.customers.client();
		assertThat(post(replay, PasskeySignInController.PATH, body).statusCode()).isEqualTo(401);
		assertThat(replay.session().statusCode()).isEqualTo(401);

		HttpResponse<String> late = post(replay, PasskeySignInController.OPTIONS_PATH, Map.of());
		Map<String, Object> lateBody = Map.of("challengeId", read(late).get("challengeId"), "credential",
				this.device.get((Map<?, ?>) read(late).get("publicKey")));
		this.clock.advance(PasskeyChallenges.VALIDITY.plusSeconds(1));
		assertThat(post(replay, PasskeySignInController.PATH, lateBody).statusCode()).isEqualTo(401);
	}

	@Test
	void anUnknownOrMalformedCredentialGetsTheSameRefusalInTheCustomersLanguage() {
		registerPasskey(signedIn(), "laptop");
		CustomerClient client = this.customers.client();
		HttpResponse<String> options = post(client, PasskeySignInController.OPTIONS_PATH, Map.of());
		Map<String, Object> credential = new java.util.HashMap<>(this.device.get((Map<?, ?>) read(options).get("publicKey")));
		String unknown = PasskeyDevice.encode(UUID.randomUUID().toString().getBytes());
		credential.put("id", unknown);
		credential.put("rawId", unknown);
		HttpResponse<String> refused = client.postJson(PasskeySignInController.PATH,
				Map.of("challengeId", read(options).get("challengeId"), "credential", credential), "X-Forwarded-For",
				this.address, "Accept-Language", "ja");
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(read(refused).get("title")).isEqualTo("パスキーでログインできませんでした");

		HttpResponse<String> again = post(client, PasskeySignInController.OPTIONS_PATH, Map.of());
		HttpResponse<String> malformed = post(client, PasskeySignInController.PATH,
				Map.of("challengeId", read(again).get("challengeId"), "credential", Map.of("id", "x", "response", 7)));
		assertThat(malformed.statusCode()).isEqualTo(401);
		assertThat(read(malformed).get("type")).isEqualTo(read(refused).get("type"));
		HttpResponse<String> noChallenge = post(client, PasskeySignInController.PATH,
				Map.of("challengeId", "not-a-challenge", "credential", credential));
		assertThat(noChallenge.statusCode()).isEqualTo(401);
	}

	@Test
	void aSignatureCounterThatGoesBackwardsIsRefused() {
		registerPasskey(signedIn(), "laptop");
		assertThat(this.jdbc.sql("""
				update identity_passkey_credential set signature_count = signature_count + 1000 where user_entity_user_id =
				(select id from identity_passkey_user where account_id = ?::uuid)""").param(this.account).update()).isEqualTo(1);
		CustomerClient client = this.customers.client();
		assertThat(signInWithPasskey(client, this.device).statusCode()).isEqualTo(401);
		assertThat(client.session().statusCode()).isEqualTo(401);
		assertThat(this.jdbc.sql("""
				select signature_count from identity_passkey_credential c join identity_passkey_user u
				on u.id = c.user_entity_user_id where u.account_id = ?::uuid""")
			.param(this.account)
			.query(Long.class)
			.single()).isGreaterThan(1000L);
	}

	@Test
	void renamingListsTheNewLabelAndRemovingEndsTheSecondStep() {
		CustomerClient owner = signedIn();
		String id = registerPasskey(owner, "old name");
		assertThat(owner.putJson(PasskeyController.PATH + "/" + id, Map.of("label", "new name")).statusCode())
			.isEqualTo(204);
		assertThat(owner.get(PasskeyController.PATH).body()).contains("new name").doesNotContain("old name");
		assertThat(owner.putJson(PasskeyController.PATH + "/" + UUID.randomUUID(), Map.of("label", "x")).statusCode())
			.isEqualTo(404);
		assertThat(owner.putJson(PasskeyController.PATH + "/" + id, Map.of("label", "bad\nlabel")).statusCode())
			.isEqualTo(400);

		HttpResponse<String> removed = owner.delete(PasskeyController.PATH + "/" + id);
		assertThat(removed.statusCode()).isEqualTo(204);
		assertThat(this.events.named("auth.mfa.removed")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("account_id", this.account)
			.containsEntry("factor", "passkey"));
		// Without Accept-Language: the notice is in Japanese.
		assertThat(subjects()).contains("【Mamori】パスキーが削除されました");
		assertThat(owner.delete(PasskeyController.PATH + "/" + id).statusCode()).isEqualTo(404);

		CustomerClient client = this.customers.client();
		assertThat(signInWithPasskey(client, this.device).statusCode()).isEqualTo(401);
		assertThat(client.signIn(this.userId, Registering.PASSWORD, this.address).body()).contains("customerId");
	}

	@Test
	void anotherCustomersPasskeyCannotBeRenamedOrRemoved() {
		String id = registerPasskey(signedIn(), "mine");
		String other = "pkx" + UUID.randomUUID().toString().substring(0, 8);
		this.registering.registerAndConfirm(Registering.request(other, other + "@example.jp", "鈴木", "スズキ"));
		CustomerClient stranger = this.customers.client();
		assertThat(stranger.signIn(other, Registering.PASSWORD, this.address).statusCode()).isEqualTo(200);
		stranger.withCsrfToken();
		assertThat(stranger.putJson(PasskeyController.PATH + "/" + id, Map.of("label", "x")).statusCode()).isEqualTo(404);
		assertThat(stranger.delete(PasskeyController.PATH + "/" + id).statusCode()).isEqualTo(404);
		assertThat(stranger.get(PasskeyController.PATH).body()).isEqualTo("{\"passkeys\":[]}");
	}

	@Test
	void registeringAndRemovingNeedASignInWithinTenMinutes() {
		CustomerClient owner = signedIn();
		String id = registerPasskey(owner, "laptop");
		this.clock.advance(Duration.ofMinutes(11));
		HttpResponse<String> refused = post(owner, PasskeyController.OPTIONS_PATH, Map.of());
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).contains("fresh-sign-in-required");
		assertThat(owner.delete(PasskeyController.PATH + "/" + id).statusCode()).isEqualTo(403);
		assertThat(owner.putJson(PasskeyController.PATH + "/" + id, Map.of("label", "still mine")).statusCode())
			.isEqualTo(204);
		assertThat(owner.get(PasskeyController.PATH).statusCode()).isEqualTo(200);
		assertThat(this.customers.aBrowser().get(PasskeyController.PATH).statusCode()).isEqualTo(401);
	}

	@Test
	void aRegistrationAnswerForAnotherOriginOrAUsedChallengeIsRefused() {
		CustomerClient owner = signedIn();
		HttpResponse<String> started = post(owner, PasskeyController.OPTIONS_PATH, Map.of());
		Map<?, ?> publicKey = (Map<?, ?>) read(started).get("publicKey");
		HttpResponse<String> refused = post(owner, PasskeyController.REGISTRATION_PATH,
				Map.of("challengeId", read(started).get("challengeId"), "label", "x",
						"credential", new PasskeyDevice().origin("https://evil.example").create(publicKey)));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("passkey-registration-failed");
		HttpResponse<String> reused = post(owner, PasskeyController.REGISTRATION_PATH,
				Map.of("challengeId", read(started).get("challengeId"), "label", "x", "credential", this.device.create(publicKey)));
		assertThat(reused.statusCode()).isEqualTo(400);
		assertThat(owner.get(PasskeyController.PATH).body()).isEqualTo("{\"passkeys\":[]}");
	}

	@Test
	void closingTheAccountDeletesItsPasskeys() {
		registerPasskey(signedIn(), "laptop");
		assertThat(passkeyRows()).isEqualTo(2);
		HikariDataSource pool = (HikariDataSource) this.dataSource;
		String database = URI.create(pool.getJdbcUrl().substring("jdbc:".length())).getPath().substring(1);
		SingleConnectionDataSource owner = new PostgresTools(pool).superuser(database);
		try {
			JdbcClient.create(owner)
				.sql("delete from identity_customer_account where id = ?")
				.param(UUID.fromString(this.account))
				.update();
		}
		finally {
			owner.destroy();
		}
		assertThat(passkeyRows()).isZero();
	}

	@Test
	void anonymousCallersHoldABoundedNumberOfChallenges() {
		CustomerClient client = this.customers.client();
		for (int i = 0; i < PasskeyChallenges.MAX_PER_SOURCE; i++) {
			assertThat(post(client, PasskeySignInController.OPTIONS_PATH, Map.of()).statusCode()).isEqualTo(200);
		}
		HttpResponse<String> refused = post(client, PasskeySignInController.OPTIONS_PATH, Map.of());
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("300");
		this.clock.advance(PasskeyChallenges.VALIDITY.plusSeconds(1));
		assertThat(post(client, PasskeySignInController.OPTIONS_PATH, Map.of()).statusCode()).isEqualTo(200);
		assertThat(this.jdbc.sql("select count(*) from identity_passkey_challenge where expires_at <= ?")
			.param(Timestamp.from(this.clock.instant()))
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void thePagesHaveAButtonThatRegistersAndOneThatSignsInWithScriptFromThisOriginOnly() {
		HttpResponse<String> signIn = this.http.get(PagePaths.SIGN_IN, "Accept-Language", "en");
		assertThat(signIn.statusCode()).isEqualTo(200);
		assertThat(signIn.body()).contains("data-passkey-action=\"sign-in\"", "data-passkey-csrf",
				"<script src=\"/assets/passkeys.js\" defer>", "Sign in with a passkey").doesNotContain("<script>");
		assertThat(signIn.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(policy) -> assertThat(policy).contains("script-src 'self'").doesNotContain("unsafe-inline"));
		HttpResponse<String> manage = signedIn().get(PagePaths.PASSKEYS);
		assertThat(manage.statusCode()).isEqualTo(200);
		assertThat(manage.body()).contains("data-passkey-action=\"register\"", "data-passkey-csrf",
				"data-fresh-sign-in=\"/sign-in?next=%2Faccount%2Fsecurity%2Fpasskeys&amp;notice=fresh-sign-in-for-passkeys\"",
				"<script src=\"/assets/passkeys.js\" defer>").doesNotContain("<script>");
		HttpResponse<String> script = this.http.get("/assets/passkeys.js");
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.body()).contains("navigator.credentials.create", "navigator.credentials.get",
				"/session/passkey/options", "data-passkey-csrf");
	}

	@Test
	void thePasskeyPagesAreForTheirOwnCustomersOnlyAndTheOldAddressesAreGone() {
		HttpResponse<String> manage = this.http.get(PagePaths.PASSKEYS);
		assertThat(manage.statusCode()).isEqualTo(302);
		assertThat(manage.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/sign-in?next=%2Faccount%2Fsecurity%2Fpasskeys"));
		HttpResponse<String> secondStep = this.http.get(PagePaths.PASSKEY_STEP);
		assertThat(secondStep.statusCode()).as("no first factor yet").isEqualTo(302);
		assertThat(secondStep.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/sign-in?notice=sign-in-again"));
		assertThat(this.http.get("/customer/passkeys").statusCode()).isEqualTo(404);
		assertThat(this.http.get("/customer/passkey-sign-in").statusCode()).isEqualTo(404);
	}

	private long passkeyRows() {
		return this.jdbc.sql("""
				select (select count(*) from identity_passkey_user where name = ?)
				     + (select count(*) from identity_passkey_credential c join identity_passkey_user u
				        on u.id = c.user_entity_user_id where u.name = ?)""")
			.params(this.account, this.account)
			.query(Long.class)
			.single();
	}

	private CustomerClient signedIn() {
		CustomerClient client = this.customers.client();
		HttpResponse<String> response = client.signIn(this.userId, Registering.PASSWORD, this.address);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return client.withCsrfToken();
	}

	private String registerPasskey(CustomerClient owner, String label) {
		return registerPasskey(owner, this.device, label);
	}

	private String registerPasskey(CustomerClient owner, PasskeyDevice with, String label) {
		HttpResponse<String> started = post(owner, PasskeyController.OPTIONS_PATH, Map.of());
		assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
		HttpResponse<String> registered = post(owner, PasskeyController.REGISTRATION_PATH,
				Map.of("challengeId", read(started).get("challengeId"), "label", label,
						"credential", with.create((Map<?, ?>) read(started).get("publicKey"))));
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		return (String) read(registered).get("id");
	}

	private HttpResponse<String> signInWithPasskey(CustomerClient client, PasskeyDevice with) {
		HttpResponse<String> options = post(client, PasskeySignInController.OPTIONS_PATH, Map.of());
		assertThat(options.statusCode()).as(options.body()).isEqualTo(200);
		Map<?, ?> publicKey = (Map<?, ?>) read(options).get("publicKey");
		assertThat(publicKey.get("userVerification")).isEqualTo("required");
		return post(client, PasskeySignInController.PATH,
				Map.of("challengeId", read(options).get("challengeId"), "credential", with.get(publicKey)));
	}

	private HttpResponse<String> post(CustomerClient client, String path, Object body) {
		return client.postJson(path, body, "X-Forwarded-For", this.address);
	}

	private static Map<?, ?> read(HttpResponse<String> response) {
		return CustomerClient.json.readValue(response.body(), Map.class);
	}

	private List<Object> subjects() {
		return this.registering.mails(this.email).stream().<Object>map((mail) -> mail.get("subject")).toList();
	}

	private String notice() {
		return this.registering.mails(this.email)
			.stream()
			.filter((mail) -> String.valueOf(mail.get("subject")).startsWith("New sign-in"))
			.map((mail) -> (String) mail.get("text"))
			.findFirst()
			.orElseThrow();
	}

}
