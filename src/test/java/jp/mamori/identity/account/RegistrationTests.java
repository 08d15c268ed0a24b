package jp.mamori.identity.account;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.Registering;
import jp.mamori.identity.api.CustomerProfileController;
import jp.mamori.identity.api.RegistrationController;
import jp.mamori.testing.MutableClock;
import jp.mamori.testing.RecordedSecurityEvents;
import jp.mamori.testing.TestHttp;
import jp.mamori.vault.Reader;
import jp.mamori.vault.Sealed;
import jp.mamori.vault.SubjectDestroyedException;
import jp.mamori.vault.Vault;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Registration over real HTTPS: the code comes by mail; nothing tells a stranger what is taken. */
@IdentityTest
class RegistrationTests {

	@Autowired
	AccountFixture customers;

	@Autowired
	TestHttp http;

	@Autowired
	Registrations registrations;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RecordedSecurityEvents events;

	@Autowired
	Vault vault;

	CustomerClient client;

	Registering registering;

	@BeforeEach
	void connect() {
		this.client = this.customers.aBrowser();
		this.registering = new Registering(this.client, this.http);
	}

	@Test
	void aConfirmedRegistrationCanSignInAndSeesItsDataMasked() {
		String email = unique() + "@example.jp";
		String userId = "reg" + unique();
		String customer = this.registering.registerAndConfirm(Registering.request(userId, email, "山田", "ヤマダ"));
		assertThat(this.events.named("auth.registration.confirmed"))
			.anySatisfy((event) -> assertThat(event.attributes()).containsEntry("account_id", customer));
		assertThat(this.client.withCsrfToken().signIn(userId, Registering.PASSWORD, null).statusCode()).isIn(200, 204);
		HttpResponse<String> profile = this.client.withCsrfToken().get(CustomerProfileController.PATH);
		assertThat(profile.statusCode()).isEqualTo(200);
		assertThat(profile.body()).contains(userId).doesNotContain(email).doesNotContain("山田");
		Map<String, Object> stored = this.jdbc
			.sql("select user_id, encode(name_sealed, 'escape') as name, email_confirmed_at from identity_customer_account where id = ?::uuid")
			.param(customer)
			.query()
			.singleRow();
		assertThat(stored.get("email_confirmed_at")).isNotNull();
		assertThat(String.valueOf(stored.get("name"))).doesNotContain("山田").doesNotContain("ヤマダ");
	}

	@Test
	void theAnswerIsTheSameWhetherTheUserIdOrTheAddressIsTaken() {
		String email = unique() + "@example.jp";
		String userId = "taken" + unique();
		this.registering.registerAndConfirm(Registering.request(userId, email, "佐藤", "サトウ"));

		HttpResponse<String> sameAddress = this.client.postJson(RegistrationController.PATH,
				Registering.request("other" + unique(), email, "佐藤", "サトウ"));
		HttpResponse<String> sameUserId = this.client.postJson(RegistrationController.PATH,
				Registering.request(userId, unique() + "@example.jp", "佐藤", "サトウ"));
		HttpResponse<String> fresh = this.client.postJson(RegistrationController.PATH,
				Registering.request("fresh" + unique(), unique() + "@example.jp", "佐藤", "サトウ"));
		for (HttpResponse<String> response : java.util.List.of(sameAddress, sameUserId, fresh)) {
			assertThat(response.statusCode()).isEqualTo(202);
			assertThat(shape(response.body())).isEqualTo(shape(fresh.body()));
		}
		// The owner of the address hears of it; no code exists for the stranger.
		Map<?, ?> notice = this.registering.mails(email).get(0);
		assertThat((String) notice.get("subject")).doesNotContain("code");
		assertThat((String) notice.get("text")).doesNotContainPattern("\\b[0-9]{6}\\b");
	}

	@Test
	void aUserIdTakenMeanwhileCanBeReplacedWhenConfirming() {
		String userId = "race" + unique();
		String firstEmail = unique() + "@example.jp";
		String secondEmail = unique() + "@example.jp";
		String first = this.registering.start(Registering.request(userId, firstEmail, "鈴木", "スズキ"));
		String second = this.registering.start(Registering.request(userId, secondEmail, "鈴木", "スズキ"));
		assertThat(this.registering.confirm(second, this.registering.code(secondEmail)).statusCode()).isEqualTo(201);
		// The user ID is taken now: whoever confirms the other address learns it, and may choose another.
		String code = this.registering.code(firstEmail);
		HttpResponse<String> taken = this.registering.confirm(first, code);
		assertThat(taken.statusCode()).isEqualTo(409);
		assertThat(taken.body()).contains("registration-user-id-taken");
		HttpResponse<String> renamed = this.client.postJson(RegistrationController.PATH + "/" + first + "/confirmation",
				Map.of("code", code, "userId", userId + "x"));
		assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(201);
	}

	@Test
	void fiveWrongCodesEndTheRegistration() {
		String email = unique() + "@example.jp";
		String id = this.registering.start(Registering.request("wrong" + unique(), email, "高橋", "タカハシ"));
		String code = this.registering.code(email);
		String wrong = code.equals("000000") ? "111111" : "000000";
		for (int left = 4; left >= 0; left--) {
			HttpResponse<String> response = this.registering.confirm(id, wrong);
			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).contains("Tries left: " + left);
		}
		HttpResponse<String> tooLate = this.registering.confirm(id, code);
		assertThat(tooLate.statusCode()).isEqualTo(400);
		assertThat(tooLate.body()).contains("registration-invalid");
	}

	@Test
	void unconfirmedRegistrationsExpireAndTheirKeysAreDestroyed() {
		String email = unique() + "@example.jp";
		String id = this.registering.start(Registering.request("late" + unique(), email, "伊藤", "イトウ"));
		String code = this.registering.code(email);
		Map<String, Object> pending = this.jdbc
			.sql("select account_id, email_sealed, email_key_ref from identity_registration where id = ?::uuid")
			.param(id)
			.query()
			.singleRow();
		UUID account = (UUID) pending.get("account_id");
		Sealed sealedEmail = Sealed.of((byte[]) pending.get("email_sealed"), (String) pending.get("email_key_ref"));
		assertThat(this.vault.open(sealedEmail, CustomerFields.context(account, CustomerFields.EMAIL),
				Reader.system("test"), "test: before the purge")).isNotBlank();
		this.clock.advance(Registrations.VALIDITY.plus(Duration.ofMinutes(1)));
		try {
			assertThat(this.registrations.purgeExpired()).isPositive();
		}
		finally {
			this.clock.advance(Registrations.VALIDITY.plus(Duration.ofMinutes(1)).negated());
		}
		assertThatExceptionOfType(SubjectDestroyedException.class).isThrownBy(() -> this.vault.open(sealedEmail,
				CustomerFields.context(account, CustomerFields.EMAIL), Reader.system("test"), "test: after the purge"));
		assertThat(this.registering.confirm(id, code).statusCode()).isEqualTo(400);
	}

	@Test
	void refusedFieldsAreNamedWithoutRepeatingTheirValues() {
		Map<String, Object> request = Registering.request("bad" + unique(), "not-an-address", "田中", "たなか");
		HttpResponse<String> badEmail = this.client.postJson(RegistrationController.PATH, request);
		assertThat(badEmail.statusCode()).isEqualTo(400);
		assertThat(badEmail.body()).contains("\"field\":\"email\"").doesNotContain("not-an-address");
		request.put("email", unique() + "@example.jp");
		request.put("familyNameKana", "tanaka");
		HttpResponse<String> badKana = this.client.postJson(RegistrationController.PATH, request);
		assertThat(badKana.statusCode()).isEqualTo(400);
		assertThat(badKana.body()).contains("\"field\":\"familyNameKana\"");
		request.put("familyNameKana", "タナカ");
		request.put("password", "password1234");
		HttpResponse<String> weak = this.client.postJson(RegistrationController.PATH, request);
		assertThat(weak.statusCode()).isEqualTo(400);
		assertThat(weak.body()).contains("\"field\":\"password\"").doesNotContain("password1234");
	}

	private static Object shape(String body) {
		Map<?, ?> map = CustomerClient.json.readValue(body, Map.class);
		return map.keySet() + "/" + map.get("status");
	}

	private static String unique() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

}
