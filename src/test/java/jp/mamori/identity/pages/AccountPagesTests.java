package jp.mamori.identity.pages;

import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.Registering;
import jp.mamori.testing.Browser;
import jp.mamori.testing.Browsers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The account operations as a customer does them in a real headless Chromium: a forgotten password,
 * a forced reset, a changed password that signs out another device, a changed e-mail address, and
 * closing a passwordless account, in Japanese and English. Links and codes come from the dev mailbox.
 */
@IdentityTest
class AccountPagesTests {

	private static final String NEW_PASSWORD = "kumo-no-ue-de-odoru-2027";

	@RegisterExtension
	final Browsers browsers = new Browsers();

	@Autowired
	AccountFixture accounts;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MessageSource messages;

	@BeforeAll
	static void browserInstalled() {
		assumeTrue(Browser.available() || System.getenv("CI") != null, "chromium and chromedriver are not installed");
	}

	@Test
	void aForgottenPasswordIsResetByTheMailedLinkInJapanese() {
		AccountFixture.Customer customer = this.accounts.aConfirmedCustomer("forgot");
		Browser browser = this.browsers.open(this.port, Locale.JAPANESE);

		browser.open("/sign-in").click("forgot-password-link");
		assertThat(browser.path()).isEqualTo("/password-reset");
		assertThat(browser.title()).contains("パスワードの再設定");
		browser.type("login", customer.userId()).submit("login");
		assertThat(browser.path()).isEqualTo("/password-reset?notice=password-reset-sent");
		assertThat(browser.texts("p.notice")).singleElement().asString().contains("リンクをお送りしました");

		String token = this.accounts.resetToken(customer.email());
		browser.open("/password-reset?token=" + token);
		assertThat(browser.attribute("input[name=token]", "value")).isEqualTo(token);
		browser.type("newPassword", NEW_PASSWORD).submit("newPassword");
		assertThat(browser.path()).as("the token is not carried on").isEqualTo("/sign-in?notice=password-reset-done");
		assertThat(browser.texts("p.notice")).containsExactly("新しいパスワードを設定しました。新しいパスワードでログインしてください。");

		signIn(browser, customer.userId(), NEW_PASSWORD);
		assertThat(browser.path()).isEqualTo("/account");
		assertThat(browser.text("profile-user-id")).isEqualTo(customer.userId());

		browser.open("/account").click("sign-out");
		signIn(browser.open("/sign-in"), customer.userId(), Registering.PASSWORD);
		assertThat(browser.path()).as("the old password no longer works").isEqualTo("/sign-in");
		assertThat(browser.texts("p.alert")).containsExactly(
				this.messages.getMessage("problem.sign-in-failed.detail", null, Locale.JAPANESE));

		browser.open("/password-reset?token=" + token);
		browser.type("newPassword", NEW_PASSWORD + "-again").submit("newPassword");
		assertThat(browser.path()).as("a used link is refused").isEqualTo("/password-reset/new-password");
		assertThat(browser.texts("p.alert")).containsExactly(
				this.messages.getMessage("problem.password-reset-invalid.detail", null, Locale.JAPANESE));
	}

	@Test
	void changingThePasswordSignsTheOtherDeviceOutInEnglish() {
		AccountFixture.Customer customer = this.accounts.aConfirmedCustomer("change");
		Browser laptop = this.browsers.open(this.port, Locale.ENGLISH);
		Browser phone = this.browsers.open(this.port, Locale.ENGLISH);
		signIn(laptop.open("/sign-in"), customer.userId(), Registering.PASSWORD);
		signIn(phone.open("/sign-in"), customer.userId(), Registering.PASSWORD);
		assertThat(phone.path()).isEqualTo("/account");

		laptop.click("password-link");
		assertThat(laptop.path()).isEqualTo("/account/security/password");
		laptop.type("currentPassword", "not my password at all").type("newPassword", NEW_PASSWORD).submit("newPassword");
		assertThat(laptop.text("currentPassword-error")).isEqualTo(
				this.messages.getMessage("problem.current-password-wrong.detail", null, Locale.ENGLISH));
		assertThat(laptop.value("newPassword")).as("a password is never sent back").isEmpty();

		laptop.type("currentPassword", Registering.PASSWORD).type("newPassword", NEW_PASSWORD).click("endOtherSessions");
		laptop.submit("newPassword");
		assertThat(laptop.path()).isEqualTo("/account?notice=password-changed");
		assertThat(laptop.texts("p.notice")).containsExactly("Your password was changed.");
		laptop.open("/account");
		assertThat(laptop.path()).as("this device stays signed in").isEqualTo("/account");

		phone.open("/account");
		assertThat(phone.path()).as("the other device is signed out").startsWith("/sign-in");
		signIn(phone.open("/sign-in"), customer.userId(), NEW_PASSWORD);
		assertThat(phone.path()).isEqualTo("/account");
	}

	@Test
	void aPasswordlessAccountIsRegisteredClosedAndItsUserIdIsFreeAgainInEnglish() {
		String userId = "close" + unique();
		String email = userId + "@example.jp";
		Browser browser = this.browsers.open(this.port, Locale.ENGLISH);

		browser.open("/register");
		assertThat(browser.attribute("#password-field", "hidden")).as("shown until chosen").isNull();
		browser.click("passwordless");
		assertThat(browser.attribute("#password-field", "hidden")).as("hidden by the script").isNotNull();
		browser.type("userId", userId)
			.type("familyName", "山田")
			.type("givenName", "花子")
			.type("familyNameKana", "ヤマダ")
			.type("givenNameKana", "ハナコ")
			.type("email", email)
			.submit("userId");
		assertThat(browser.path()).matches("/register/[0-9a-f-]{36}");
		browser.type("code", this.accounts.registering().code(email)).submit("code");
		assertThat(browser.path()).isEqualTo("/register/done");
		assertThat(this.jdbc.sql("select password_hash is null from identity_customer_account where user_id = ?")
			.param(userId)
			.query(Boolean.class)
			.single()).as("no password at all").isTrue();

		browser.open("/sign-in/email-code").type("identifier", email).submit("identifier");
		browser.type("code", this.accounts.code(email, "sign-in code")).submit("code");
		assertThat(browser.path()).isEqualTo("/account");

		browser.click("close-link");
		assertThat(browser.path()).isEqualTo("/account/close");
		assertThat(browser.texts("#password")).as("nothing to type for a passwordless account").isEmpty();
		browser.submit("close-account");
		assertThat(browser.path()).isEqualTo("/sign-in?notice=account-closed");
		assertThat(browser.texts("p.notice")).singleElement().asString().contains("Your account was closed");
		browser.open("/account");
		assertThat(browser.path()).as("signed out").startsWith("/sign-in");
		assertThat(this.jdbc.sql("select count(*) from identity_customer_account where user_id = ?")
			.param(userId)
			.query(Long.class)
			.single()).isZero();

		this.accounts.registering().registerAndConfirm(Registering.request(userId, userId + "-2@example.jp", "鈴木", "スズキ"));
		assertThat(this.jdbc.sql("select count(*) from identity_customer_account where user_id = ?")
			.param(userId)
			.query(Long.class)
			.single()).as("the same user ID, registered again").isOne();
	}

	@Test
	void theEmailAddressIsChangedWithTheCodeAndTheOldAddressIsToldInJapanese() {
		AccountFixture.Customer customer = this.accounts.aConfirmedCustomer("move");
		String moved = customer.userId() + "@example.com";
		Browser browser = this.browsers.open(this.port, Locale.JAPANESE);
		signIn(browser.open("/sign-in"), customer.userId(), Registering.PASSWORD);

		browser.click("email-link");
		assertThat(browser.path()).isEqualTo("/account/email");
		browser.type("newEmail", moved).submit("newEmail");
		assertThat(browser.path()).isEqualTo("/account/email/confirmation");
		browser.type("code", "000000").submit("code");
		assertThat(browser.text("code-error")).startsWith("メールに記載のコードを確認して");
		browser.type("code", this.accounts.code(moved, "新しいメールアドレスの確認")).submit("code");
		assertThat(browser.path()).isEqualTo("/account?notice=email-changed");
		assertThat(browser.text("profile-email")).endsWith("@example.com").isNotEqualTo(moved);
		assertThat(this.accounts.mails(customer.email(), "メールアドレスが変更されました")).as("the old address is told")
			.hasSize(1);
	}

	@Test
	void aForcedResetReadsClearlyOnTheSignInPageInEnglish() {
		AccountFixture.Customer customer = this.accounts.aConfirmedCustomer("forced");
		this.jdbc.sql("update identity_customer_account set password_reset_required_at = now() where user_id = ?")
			.param(customer.userId())
			.update();
		Browser browser = this.browsers.open(this.port, Locale.ENGLISH);

		signIn(browser.open("/sign-in"), customer.userId(), Registering.PASSWORD);
		assertThat(browser.path()).as("no session").isEqualTo("/sign-in");
		assertThat(browser.texts("p.alert")).containsExactly(
				this.messages.getMessage("problem.password-reset-required.detail", null, Locale.ENGLISH));
		assertThat(browser.text("forgot-password-link")).isEqualTo("Forgot your password?");

		browser.open("/password-reset?token=" + this.accounts.resetToken(customer.email()));
		browser.type("newPassword", NEW_PASSWORD).submit("newPassword");
		signIn(browser, customer.userId(), NEW_PASSWORD);
		assertThat(browser.path()).isEqualTo("/account");
	}

	private static void signIn(Browser browser, String identifier, String password) {
		browser.type("identifier", identifier).type("password", password).submit("password");
	}

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
