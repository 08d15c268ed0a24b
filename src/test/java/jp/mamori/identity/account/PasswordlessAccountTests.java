package jp.mamori.identity.account;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.Registering;
import jp.mamori.identity.api.AccountController;
import jp.mamori.identity.api.CustomerSessionHttpTests;
import jp.mamori.identity.api.RegistrationController;
import jp.mamori.testing.RecordedSecurityEvents;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Accounts that sign in by e-mail code only: no password hash at all, until a reset adds one. */
@IdentityTest
class PasswordlessAccountTests {

	@Autowired
	RecordedSecurityEvents events;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountFixture accounts;

	String userId;

	String email;

	@BeforeEach
	void fixture() {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		this.userId = "nopass" + unique;
		this.email = "nopass" + unique + "@example.jp";
	}

	@Test
	void aPasswordlessAccountHasNoHashAndAPasswordGetsTheUniformRefusal() {
		String id = this.accounts.registering().registerAndConfirm(passwordless());
		assertThat(this.jdbc.sql("select password_hash is null from identity_customer_account where id = ?")
			.param(UUID.fromString(id))
			.query(Boolean.class)
			.single()).isTrue();
		HttpResponse<String> password = this.accounts.client().signIn(this.userId, Registering.PASSWORD,
				CustomerSessionHttpTests.address());
		HttpResponse<String> unknown = this.accounts.client().signIn("nobody" + UUID.randomUUID().toString().substring(0, 8),
				Registering.PASSWORD, CustomerSessionHttpTests.address());
		assertThat(password.statusCode()).isEqualTo(401);
		assertThat(CustomerSessionHttpTests.withoutRequestId(password.body()))
			.isEqualTo(CustomerSessionHttpTests.withoutRequestId(unknown.body()));
		assertThat(this.events.named("auth.login.failed")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("account_id", id).containsEntry("reason", "no_password"));
		CustomerClient client = this.accounts.signedInByCode(this.email);
		assertThat(client.session().body()).contains(id);
		HttpResponse<String> change = client.putJson(AccountController.PASSWORD_PATH,
				Map.of("currentPassword", "", "newPassword", PasswordResetTests.NEW_PASSWORD, "endOtherSessions", false));
		assertThat(change.statusCode()).isEqualTo(409);
		assertThat(change.body()).contains("urn:mamori:problem:password-not-set");
	}

	@Test
	void aPasswordResetAddsAPassword() {
		this.accounts.registering().registerAndConfirm(passwordless());
		this.accounts.requestReset(this.email, "en");
		assertThat(this.accounts.completeReset(this.accounts.resetToken(this.email), PasswordResetTests.NEW_PASSWORD)
			.statusCode()).isEqualTo(204);
		this.accounts.signedIn(this.userId, PasswordResetTests.NEW_PASSWORD);
	}

	@Test
	void aPasswordlessAccountClosesAfterAnEmailCodeSignIn() {
		String id = this.accounts.registering().registerAndConfirm(passwordless());
		CustomerClient client = this.accounts.signedInByCode(this.email);
		HttpResponse<String> closed = client.deleteJson(AccountController.ACCOUNT_PATH, Map.of());
		assertThat(closed.statusCode()).as(closed.body()).isEqualTo(204);
		assertThat(this.jdbc.sql("select count(*) from identity_customer_account where id = ?")
			.param(UUID.fromString(id))
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aRegistrationMustEitherSendAPasswordOrSayItIsPasswordless() {
		Map<String, Object> both = passwordless();
		both.put("password", Registering.PASSWORD);
		HttpResponse<String> refused = this.accounts.client().postJson(RegistrationController.PATH, both);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("\"field\":\"password\"").doesNotContain(Registering.PASSWORD);
		Map<String, Object> neither = passwordless();
		neither.remove("passwordless");
		HttpResponse<String> missing = this.accounts.client().postJson(RegistrationController.PATH, neither,
				"Accept-Language", "ja");
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(missing.body()).contains("パスワードを入力");
	}

	private Map<String, Object> passwordless() {
		Map<String, Object> request = new HashMap<>(Registering.request(this.userId, this.email, "鈴木", "スズキ"));
		request.remove("password");
		request.put("passwordless", true);
		return request;
	}

}
