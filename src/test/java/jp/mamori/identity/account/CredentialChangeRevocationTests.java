package jp.mamori.identity.account;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.Registering;
import jp.mamori.identity.api.AccountController;
import jp.mamori.identity.api.CustomerSessionHttpTests;
import jp.mamori.identity.api.EmailCodeController;
import jp.mamori.identity.api.UnlockController;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Links and codes mailed before a password or e-mail change stop working with the change: whoever read
 * them in the old mailbox, or knew the old password, must not use them to undo it.
 */
@IdentityTest
class CredentialChangeRevocationTests {

	static final String NEW_PASSWORD = "みずうみに映る三日月と舟 2027";

	@Autowired
	AccountFixture accounts;

	@Autowired
	UnlockTokens unlockTokens;

	AccountFixture.Customer customer;

	/** The reset link, the unlock link and the e-mail code, all outstanding. */
	record Outstanding(String resetToken, String unlockToken, String emailCode) {
	}

	@BeforeEach
	void registerACustomer() {
		this.customer = this.accounts.aConfirmedCustomer("revoke");
	}

	@Test
	void aPasswordChangeRevokesEveryOutstandingResetLinkUnlockLinkAndEmailCode() {
		CustomerClient client = this.accounts.signedIn(this.customer.userId(), Registering.PASSWORD);
		Outstanding outstanding = mailEverything();
		HttpResponse<String> changed = client.putJson(AccountController.PASSWORD_PATH,
				Map.of("currentPassword", Registering.PASSWORD, "newPassword", NEW_PASSWORD, "endOtherSessions", false));
		assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
		assertRevoked(outstanding, NEW_PASSWORD + " again");
		this.accounts.signedIn(this.customer.userId(), NEW_PASSWORD);
	}

	@Test
	void anEmailChangeRevokesEveryOutstandingResetLinkUnlockLinkAndEmailCode() {
		CustomerClient client = this.accounts.signedIn(this.customer.userId(), Registering.PASSWORD);
		Outstanding outstanding = mailEverything();
		String newEmail = "moved" + UUID.randomUUID().toString().substring(0, 8) + "@example.jp";
		assertThat(client.postJson(AccountController.EMAIL_CHANGE_PATH, Map.of("newEmail", newEmail)).statusCode())
			.isEqualTo(202);
		HttpResponse<String> confirmed = client.postJson(AccountController.EMAIL_CHANGE_PATH + "/confirmation",
				Map.of("code", this.accounts.code(newEmail, "Confirm your new e-mail address")));
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(204);
		assertRevoked(outstanding, NEW_PASSWORD);
		this.accounts.signedIn(this.customer.userId(), Registering.PASSWORD);
	}

	@Test
	void withoutAChangeTheSameLinksAndCodeStillWork() {
		Outstanding outstanding = mailEverything();
		assertThat(verifyCode(outstanding.emailCode()).statusCode()).isEqualTo(200);
		assertThat(unlock(outstanding.unlockToken()).statusCode()).isEqualTo(200);
		HttpResponse<String> reset = this.accounts.completeReset(outstanding.resetToken(), NEW_PASSWORD);
		assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);
	}

	private Outstanding mailEverything() {
		assertThat(this.accounts.requestReset(this.customer.userId(), "en").statusCode()).isEqualTo(202);
		String resetToken = this.accounts.resetToken(this.customer.email());
		String unlockToken = this.unlockTokens.issue(new CustomerId(UUID.fromString(this.customer.id())));
		HttpResponse<String> asked = this.accounts.client().postJson(EmailCodeController.PATH,
				Map.of("identifier", this.customer.userId()), "X-Forwarded-For", CustomerSessionHttpTests.address());
		assertThat(asked.statusCode()).isEqualTo(202);
		return new Outstanding(resetToken, unlockToken, this.accounts.code(this.customer.email(), "sign-in code"));
	}

	private void assertRevoked(Outstanding outstanding, String password) {
		HttpResponse<String> code = verifyCode(outstanding.emailCode());
		assertThat(code.statusCode()).as(code.body()).isEqualTo(401);
		HttpResponse<String> unlock = unlock(outstanding.unlockToken());
		assertThat(unlock.statusCode()).as(unlock.body()).isEqualTo(400);
		assertThat(unlock.body()).contains("urn:mamori:problem:unlock-link-invalid");
		HttpResponse<String> reset = this.accounts.completeReset(outstanding.resetToken(), password);
		assertThat(reset.statusCode()).as(reset.body()).isEqualTo(400);
	}

	private HttpResponse<String> verifyCode(String code) {
		return this.accounts.client().postJson(EmailCodeController.VERIFICATION_PATH,
				Map.of("identifier", this.customer.userId(), "code", code), "X-Forwarded-For",
				CustomerSessionHttpTests.address());
	}

	private HttpResponse<String> unlock(String token) {
		return this.accounts.client().postJson(UnlockController.PATH, Map.of("token", token), "X-Forwarded-For",
				CustomerSessionHttpTests.address());
	}

}
