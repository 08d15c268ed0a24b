package jp.mamori.identity.pages;

import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.Registering;
import jp.mamori.identity.credentials.Base32;
import jp.mamori.identity.credentials.TotpCodes;
import jp.mamori.identity.factors.PasskeyRelyingParty;
import jp.mamori.identity.session.CustomerSessions;
import jp.mamori.testing.Browser;
import jp.mamori.testing.Browsers;
import jp.mamori.testing.MutableClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Passkeys in a real headless Chromium with Chrome's virtual authenticator, against the running
 * Mamori: adding one on the account's page, signing in with it alone, using it as the second step
 * after the password, and what a customer sees when it cannot be used.
 */
@IdentityTest
class PasskeyPagesTests {

	@RegisterExtension
	final Browsers browsers = new Browsers();

	@Autowired
	AccountFixture customers;

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	MessageSource messages;

	final TotpCodes codes = new TotpCodes();

	@BeforeAll
	static void browserInstalled() {
		assumeTrue(Browser.available() || System.getenv("CI") != null, "chromium and chromedriver are not installed");
	}

	/**
	 * The browser's origin carries the server's random port, which no setting can name before the server
	 * starts: the relying party is told it here, as {@code allowed-origins} names a shop's own origin.
	 */
	@Autowired
	PasskeyRelyingParty relyingParty;

	@BeforeEach
	void thisServersOriginIsAllowedInDevelopment() {
		// The browser's origin carries the random test port; with the development relying party ID
		// (localhost) the server allows its own origin by itself.
		assertThat(this.relyingParty.origins()).contains("https://localhost:" + this.port);
	}

	@Test
	void aCustomerRegistersAddsAPasskeyAndSignsInWithItAloneInJapanese() {
		String userId = "passkey-pages-" + unique();
		String email = userId + "@example.jp";
		Browser browser = this.browsers.open(this.port, Locale.JAPANESE);
		VirtualAuthenticator authenticator = browser.addAuthenticator();

		browser.open("/register");
		browser.type("userId", userId)
			.type("password", Registering.PASSWORD)
			.type("familyName", "山田")
			.type("givenName", "花子")
			.type("familyNameKana", "ヤマダ")
			.type("givenNameKana", "ハナコ")
			.type("email", email)
			.submit("userId");
		assertThat(browser.path()).matches("/register/[0-9a-f-]{36}");
		browser.type("code", registering().code(email)).submit("code");
		assertThat(browser.path()).isEqualTo("/register/done");

		signIn(browser.open("/sign-in"), userId);
		assertThat(browser.path()).isEqualTo("/account");
		browser.click("passkeys-link");
		assertThat(browser.path()).isEqualTo("/account/security/passkeys");
		assertThat(browser.title()).contains("パスキー");
		browser.awaitText("passkey-list", "まだパスキーは登録されていません。");

		browser.type("passkey-label", "ノートパソコン").click("passkey-register");
		assertThat(browser.awaitText("passkey-status")).isEqualTo("パスキーを追加しました。");
		assertThat(browser.texts("#passkey-list tbody tr td:first-child")).containsExactly("ノートパソコン");
		assertThat(authenticator.getCredentials()).as("the passkey lives on the device").hasSize(1);

		browser.open("/account").click("sign-out");
		assertThat(browser.path()).isEqualTo("/sign-in?notice=signed-out");
		browser.click("passkey-sign-in").awaitPath("/account");
		assertThat(browser.text("profile-user-id")).isEqualTo(userId);
		assertThat(browser.attribute("html", "lang")).isEqualTo("ja");
		assertThat(registering().mails(email)).as("a sign-in is mailed like any other")
			.anySatisfy((mail) -> assertThat(String.valueOf(mail.get("text"))).contains("方法: パスキー\n"));
	}

	@Test
	void aPasskeyIsTheSecondStepAfterThePasswordWithTotpBesideItAndAStaleSessionSignsInAgainToAddOneInEnglish() {
		String userId = "passkey-pages-" + unique();
		String email = userId + "@example.jp";
		registering().registerAndConfirm(Registering.request(userId, email, "鈴木", "スズキ"));
		Browser browser = this.browsers.open(this.port, Locale.ENGLISH);
		VirtualAuthenticator authenticator = browser.addAuthenticator();

		signIn(browser.open("/sign-in"), userId);
		this.clock.advance(CustomerSessions.FRESH_SIGN_IN.plusMinutes(1));
		browser.open("/account/security/passkeys").click("passkey-register");
		browser.awaitPath("/sign-in?next=%2Faccount%2Fsecurity%2Fpasskeys&notice=fresh-sign-in-for-passkeys");
		assertThat(browser.texts("p.notice")).containsExactly(
				this.messages.getMessage("page.notice.fresh-sign-in-for-passkeys", null, Locale.ENGLISH));
		assertThat(authenticator.getCredentials()).as("nothing was added by a stale session").isEmpty();
		signIn(browser, userId);
		assertThat(browser.path()).as("and then comes back").isEqualTo("/account/security/passkeys");

		browser.type("passkey-label", "Work laptop").click("passkey-register");
		assertThat(browser.awaitText("passkey-status")).isEqualTo("The passkey was added.");
		assertThat(authenticator.getCredentials()).hasSize(1);
		browser.clickFirst("#passkey-list tr[data-passkey-id] button").answerPrompt("Laptop at the office");
		browser.awaitText("passkey-list", "Laptop at the office");
		assertThat(browser.texts("#passkey-list tbody tr td:first-child")).containsExactly("Laptop at the office");

		browser.open("/account").click("sign-out");
		signIn(browser.open("/sign-in"), userId);
		assertThat(browser.path()).as("the passkey is offered, not the TOTP page").isEqualTo("/sign-in/passkey");
		assertThat(browser.title()).contains("Two-step verification");
		assertThat(browser.texts("#code")).as("no TOTP on this account, so no code field").isEmpty();
		browser.open("/account");
		assertThat(browser.path()).as("a password alone does not open the account").startsWith("/sign-in");

		signIn(browser.open("/sign-in"), userId);
		browser.click("passkey-second-step").awaitPath("/account");
		assertThat(browser.text("profile-user-id")).isEqualTo(userId);
		assertThat(browser.title()).contains("My account");

		browser.open("/account/security/totp").click("totp-start");
		byte[] secret = Base32.decode(browser.awaitText("totp-secret").replace(" ", ""));
		browser.type("code", this.codes.code(secret, this.clock.instant())).submit("code");
		assertThat(browser.path()).isEqualTo("/account/security/totp/recovery-codes");
		browser.open("/account").click("sign-out");
		signIn(browser.open("/sign-in"), userId);
		assertThat(browser.path()).as("passkey first, TOTP beside it").isEqualTo("/sign-in/passkey");
		assertThat(browser.attribute("#passkey-second-step", "data-passkey-action")).isEqualTo("second-step");
		this.clock.advance(TotpCodes.STEP);
		browser.type("code", this.codes.code(secret, this.clock.instant())).submit("code");
		assertThat(browser.path()).isEqualTo("/account");
		assertThat(browser.text("profile-user-id")).isEqualTo(userId);
	}

	@Test
	void aRemovedPasskeyCannotSignInAndTheCustomerIsToldWhyAndStaysSignedOut() {
		String userId = "passkey-pages-" + unique();
		String email = userId + "@example.jp";
		registering().registerAndConfirm(Registering.request(userId, email, "佐藤", "サトウ"));
		Browser browser = this.browsers.open(this.port, Locale.JAPANESE);
		VirtualAuthenticator authenticator = browser.addAuthenticator();

		signIn(browser.open("/sign-in"), userId);
		browser.open("/account/security/passkeys").type("passkey-label", "古い電話").click("passkey-register");
		assertThat(browser.awaitText("passkey-status")).isEqualTo("パスキーを追加しました。");
		browser.clickFirst("#passkey-list tr[data-passkey-id] button + button");
		browser.awaitText("passkey-list", "まだパスキーは登録されていません。");
		assertThat(browser.path()).isEqualTo("/account/security/passkeys");
		assertThat(authenticator.getCredentials()).as("the device still holds the removed passkey").hasSize(1);

		browser.open("/account").click("sign-out");
		browser.click("passkey-sign-in");
		assertThat(browser.awaitText("passkey-status")).isEqualTo(
				this.messages.getMessage("problem.passkey-sign-in-failed.title", null, Locale.JAPANESE) + " "
						+ this.messages.getMessage("problem.passkey-sign-in-failed.detail", null, Locale.JAPANESE));
		assertThat(browser.path()).isEqualTo("/sign-in?notice=signed-out");

		authenticator.removeAllCredentials();
		browser.click("passkey-sign-in");
		browser.awaitText("passkey-status",
				this.messages.getMessage("page.passkeys.not-allowed", null, Locale.JAPANESE));
		assertThat(browser.path()).isEqualTo("/sign-in?notice=signed-out");
		browser.open("/account");
		assertThat(browser.path()).as("still signed out").startsWith("/sign-in");
	}

	private static void signIn(Browser browser, String userId) {
		browser.type("identifier", userId).type("password", Registering.PASSWORD).submit("password");
	}

	private Registering registering() {
		return this.customers.registering();
	}

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
