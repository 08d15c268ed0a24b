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
import jp.mamori.identity.api.AccountController;
import jp.mamori.identity.api.CustomerSessionHttpTests;
import jp.mamori.identity.api.EmailCodeController;
import jp.mamori.testing.MutableClock;
import jp.mamori.testing.RecordedSecurityEvents;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A signed-in customer changes the password or the e-mail address, over real HTTPS. */
@IdentityTest
class AccountChangeTests {

	static final String NEW_PASSWORD = "みずうみに映る三日月と舟 2027";

	@Autowired
	MutableClock clock;

	@Autowired
	RecordedSecurityEvents events;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountFixture accounts;

	AccountFixture.Customer customer;

	@BeforeEach
	void registerACustomer() {
		this.customer = this.accounts.aConfirmedCustomer("change");
	}

	@Test
	void changingThePasswordNeedsAFreshSignInAndTheCurrentPassword() {
		CustomerClient client = this.accounts.signedIn(this.customer.userId(), Registering.PASSWORD);
		this.clock.advance(Duration.ofMinutes(11));
		HttpResponse<String> stale = change(client, Registering.PASSWORD, NEW_PASSWORD, false);
		assertThat(stale.statusCode()).isEqualTo(403);
		assertThat(stale.body()).contains("urn:mamori:problem:account-fresh-sign-in-required");
		client = this.accounts.signedIn(this.customer.userId(), Registering.PASSWORD);
		HttpResponse<String> wrong = change(client, "not my password at all", NEW_PASSWORD, false);
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("urn:mamori:problem:current-password-wrong");
		assertThat(this.jdbc.sql("select failures from identity_account_lockout where account_id = ?")
			.param(UUID.fromString(this.customer.id()))
			.query(Integer.class)
			.single()).isEqualTo(1);
		HttpResponse<String> weak = change(client, Registering.PASSWORD, "password1234", false);
		assertThat(weak.statusCode()).isEqualTo(400);
		assertThat(weak.body()).contains("newPassword");
	}

	@Test
	void aChangedPasswordRenewsTheSessionIdEndsOtherSessionsAndTellsTheOwner() {
		CustomerClient other = this.accounts.signedIn(this.customer.userId(), Registering.PASSWORD);
		CustomerClient client = this.accounts.signedIn(this.customer.userId(), Registering.PASSWORD);
		String before = client.cookie("__Host-MAMORI_SESSION").orElseThrow();
		HttpResponse<String> changed = change(client, Registering.PASSWORD, NEW_PASSWORD, true);
		assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
		assertThat(client.cookie("__Host-MAMORI_SESSION").orElseThrow()).isNotEqualTo(before);
		assertThat(client.session().statusCode()).isEqualTo(200);
		assertThat(other.session().statusCode()).isEqualTo(401);
		assertThat(this.accounts.client().signIn(this.customer.userId(), Registering.PASSWORD,
				CustomerSessionHttpTests.address()).statusCode()).isEqualTo(401);
		this.accounts.signedIn(this.customer.userId(), NEW_PASSWORD);
		assertThat(this.accounts.mails(this.customer.email(), "Your Mamori password was changed")).hasSize(1);
		assertThat(this.events.named("auth.password.changed")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("account_id", this.customer.id()).containsEntry("method", "change"));
	}

	@Test
	void otherSessionsStayWhenTheCustomerSaysSo() {
		CustomerClient other = this.accounts.signedIn(this.customer.userId(), Registering.PASSWORD);
		CustomerClient client = this.accounts.signedIn(this.customer.userId(), Registering.PASSWORD);
		assertThat(change(client, Registering.PASSWORD, NEW_PASSWORD, false).statusCode()).isEqualTo(204);
		assertThat(other.session().statusCode()).isEqualTo(200);
	}

	@Test
	void anEmailChangeIsConfirmedByACodeSentToTheNewAddressAndTheOldAddressIsTold() {
		String newEmail = "moved" + UUID.randomUUID().toString().substring(0, 8) + "@example.jp";
		CustomerClient client = this.accounts.signedIn(this.customer.userId(), Registering.PASSWORD);
		HttpResponse<String> started = client.postJson(AccountController.EMAIL_CHANGE_PATH, Map.of("newEmail", newEmail));
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		String code = this.accounts.code(newEmail, "Confirm your new e-mail address");
		HttpResponse<String> wrong = confirm(client, String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000));
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("urn:mamori:problem:email-change-code-wrong").contains("4");
		assertThat(confirm(client, code).statusCode()).isEqualTo(204);
		assertThat(this.accounts.mails(this.customer.email(), "e-mail address was changed").get(0).get("text"))
			.asString().doesNotContain(newEmail).contains("@example.jp");
		assertThat(confirm(client, code).statusCode()).isEqualTo(400);
		// The new address now names the account; the old one no longer does.
		assertThat(this.accounts.signedInByCode(newEmail).session().body()).contains(this.customer.id());
		assertThat(this.events.named("auth.email.changed")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("account_id", this.customer.id()));
		HttpResponse<String> old = this.accounts.client().postJson(EmailCodeController.PATH,
				Map.of("identifier", this.customer.email()), "X-Forwarded-For", CustomerSessionHttpTests.address());
		assertThat(old.statusCode()).isEqualTo(202);
		assertThat(this.accounts.mails(this.customer.email(), "sign-in code")).isEmpty();
	}

	@Test
	void anAddressOfAnotherAccountGetsTheSameAnswerAndItsOwnerANoticeInsteadOfACode() {
		AccountFixture.Customer owner = this.accounts.aConfirmedCustomer("owner");
		CustomerClient client = this.accounts.signedIn(this.customer.userId(), Registering.PASSWORD);
		String free = "free" + UUID.randomUUID().toString().substring(0, 8) + "@example.jp";
		HttpResponse<String> taken = client.postJson(AccountController.EMAIL_CHANGE_PATH,
				Map.of("newEmail", owner.email()));
		HttpResponse<String> available = client.postJson(AccountController.EMAIL_CHANGE_PATH, Map.of("newEmail", free));
		assertThat(taken.statusCode()).isEqualTo(202);
		assertThat(taken.body()).isEqualTo(available.body());
		assertThat(this.accounts.mails(owner.email(), "Someone tried to use your e-mail address")).hasSize(1);
		assertThat(this.accounts.mails(owner.email(), "Confirm your new e-mail address")).isEmpty();
		HttpResponse<String> invalid = client.postJson(AccountController.EMAIL_CHANGE_PATH,
				Map.of("newEmail", "not an address"));
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(invalid.body()).contains("newEmail").doesNotContain("not an address");
	}

	@Test
	void anEmailChangeCodeExpiresAfterThirtyMinutesAndFiveCodesAnHourAreMailed() {
		String newEmail = "late" + UUID.randomUUID().toString().substring(0, 8) + "@example.jp";
		CustomerClient client = this.accounts.signedIn(this.customer.userId(), Registering.PASSWORD);
		client.postJson(AccountController.EMAIL_CHANGE_PATH, Map.of("newEmail", newEmail));
		String code = this.accounts.code(newEmail, "Confirm");
		this.clock.advance(Duration.ofMinutes(30));
		client = this.accounts.signedIn(this.customer.userId(), Registering.PASSWORD);
		HttpResponse<String> late = confirm(client, code);
		assertThat(late.statusCode()).isEqualTo(400);
		assertThat(late.body()).contains("urn:mamori:problem:email-change-invalid");
		client = this.accounts.signedIn(this.customer.userId(), Registering.PASSWORD);
		for (int i = 0; i < 4; i++) {
			assertThat(client.postJson(AccountController.EMAIL_CHANGE_PATH, Map.of("newEmail", newEmail)).statusCode())
				.isEqualTo(202);
		}
		HttpResponse<String> sixth = client.postJson(AccountController.EMAIL_CHANGE_PATH, Map.of("newEmail", newEmail));
		assertThat(sixth.statusCode()).isEqualTo(429);
		assertThat(this.accounts.mails(newEmail, "Confirm")).hasSize(5);
	}

	private HttpResponse<String> change(CustomerClient client, String current, String replacement, boolean endOthers) {
		return client.putJson(AccountController.PASSWORD_PATH,
				Map.of("currentPassword", current, "newPassword", replacement, "endOtherSessions", endOthers));
	}

	private HttpResponse<String> confirm(CustomerClient client, String code) {
		return client.postJson(AccountController.EMAIL_CHANGE_PATH + "/confirmation", Map.of("code", code));
	}

}
