package jp.mamori.identity.pages;

import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.Registering;
import jp.mamori.identity.credentials.Base32;
import jp.mamori.identity.credentials.TotpCodes;
import jp.mamori.identity.session.CustomerSessions;
import jp.mamori.testing.Browser;
import jp.mamori.testing.Browsers;
import jp.mamori.testing.MutableClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The customer's pages in a real headless Chromium against the running Mamori: what a customer sees
 * and clicks, in Japanese and English. The test reads codes from the dev mailbox and computes TOTP codes
 * as an authenticator app would, moving the clock instead of waiting.
 */
@IdentityTest
class CustomerPagesTests {

	@RegisterExtension
	final Browsers browsers = new Browsers();

	@Autowired
	AccountFixture customers;

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MessageSource messages;

	final TotpCodes codes = new TotpCodes();

	@BeforeAll
	static void browserInstalled() {
		assumeTrue(Browser.available() || System.getenv("CI") != null, "chromium and chromedriver are not installed");
	}

	@Test
	void aCustomerRegistersEnrolsTotpAndSignsInWithItInJapanese() {
		String userId = "pages-" + unique();
		String email = userId + "@example.jp";
		Browser browser = this.browsers.open(this.port, Locale.JAPANESE);

		browser.open("/register");
		assertThat(browser.attribute("html", "lang")).isEqualTo("ja");
		assertThat(browser.title()).contains("会員登録");
		fillRegistration(browser, userId, Registering.PASSWORD, email);
		browser.choose("household", "COUPLE_WITH_CHILDREN").submit("userId");
		assertThat(browser.path()).matches("/register/[0-9a-f-]{36}");

		browser.type("code", registering().code(email)).submit("code");
		assertThat(browser.path()).isEqualTo("/register/done");

		signIn(browser.open("/sign-in"), userId, Registering.PASSWORD);
		assertThat(browser.path()).isEqualTo("/account");
		assertThat(browser.text("profile-user-id")).isEqualTo(userId);
		assertThat(browser.text("profile-email")).isNotEqualTo(email).contains("@example.jp");

		browser.open("/account/security/totp").click("totp-start");
		assertThat(browser.path()).isEqualTo("/account/security/totp");
		assertThat(browser.attribute("img.qr", "src")).startsWith("data:image/svg+xml;base64,");
		byte[] secret = Base32.decode(browser.text("totp-secret").replace(" ", ""));
		browser.type("code", this.codes.code(secret, this.clock.instant())).submit("code");
		assertThat(browser.path()).isEqualTo("/account/security/totp/recovery-codes");
		assertThat(browser.texts("#recovery-codes li")).hasSize(10).doesNotHaveDuplicates();
		browser.open("/account/security/totp/recovery-codes");
		assertThat(browser.path()).as("recovery codes are shown once").isEqualTo("/account/security/totp");

		browser.open("/account").click("sign-out");
		assertThat(browser.path()).isEqualTo("/sign-in?notice=signed-out");
		assertThat(browser.texts("p.notice")).containsExactly("ログアウトしました。");
		browser.open("/account");
		assertThat(browser.path()).as("signed out: the account page sends to sign in").startsWith("/sign-in");

		signIn(browser.open("/sign-in"), userId, Registering.PASSWORD);
		assertThat(browser.path()).isEqualTo("/sign-in/totp");
		this.clock.advance(TotpCodes.STEP);
		browser.type("code", this.codes.code(secret, this.clock.instant())).submit("code");
		assertThat(browser.path()).isEqualTo("/account");
		assertThat(browser.attribute("html", "lang")).isEqualTo("ja");
		assertThat(browser.title()).contains("マイページ");
		assertThat(browser.text("profile-user-id")).isEqualTo(userId);

		this.clock.advance(CustomerSessions.FRESH_SIGN_IN.plusMinutes(1));
		browser.open("/account/security/totp");
		assertThat(browser.path()).as("a stale sign-in must be renewed to change the second factor")
			.isEqualTo("/sign-in?next=%2Faccount%2Fsecurity%2Ftotp&notice=fresh-sign-in-required");
		signIn(browser, userId, Registering.PASSWORD);
		this.clock.advance(TotpCodes.STEP);
		browser.type("code", this.codes.code(secret, this.clock.instant())).submit("code");
		assertThat(browser.path()).as("and then comes back").isEqualTo("/account/security/totp");
		assertThat(browser.text("totp-enabled")).isEqualTo("このアカウントでは2段階認証が有効です。");
	}

	@Test
	void aCustomerSignsInWithACodeByEmailInEnglish() {
		String userId = "pages-" + unique();
		String email = userId + "@example.jp";
		registering().registerAndConfirm(Registering.request(userId, email, "鈴木", "スズキ"));
		Browser browser = this.browsers.open(this.port, Locale.ENGLISH);

		browser.open("/sign-in").click("email-code-link");
		assertThat(browser.path()).isEqualTo("/sign-in/email-code");
		assertThat(browser.attribute("html", "lang")).isEqualTo("en");
		browser.type("identifier", email).submit("identifier");
		assertThat(browser.path()).isEqualTo("/sign-in/email-code/entry");
		assertThat(browser.value("identifier")).as("remembered between the two steps").isEqualTo(email);

		browser.type("code", registering().code(email)).submit("code");
		assertThat(browser.path()).isEqualTo("/account");
		assertThat(browser.title()).contains("My account");
		assertThat(browser.text("profile-user-id")).isEqualTo(userId);
	}

	@Test
	void aWeakPasswordIsRefusedNextToItsFieldAndNothingIsStored() {
		String userId = "pages-" + unique();
		String email = userId + "@example.jp";
		long before = registrations();
		Browser browser = this.browsers.open(this.port, Locale.ENGLISH);

		browser.open("/register");
		fillRegistration(browser, userId, "password1234", email);
		browser.submit("userId");
		assertThat(browser.path()).isEqualTo("/register");
		assertThat(browser.text("password-error")).isNotBlank().doesNotContain("password1234");
		assertThat(browser.attribute("#password", "aria-invalid")).isEqualTo("true");
		assertThat(browser.attribute("#password", "aria-describedby")).isEqualTo("password-error");
		assertThat(browser.value("password")).as("a password is never sent back").isEmpty();
		assertThat(browser.value("userId")).isEqualTo(userId);
		assertThat(registrations()).isEqualTo(before);
		assertThat(registering().mails(email)).isEmpty();

		signIn(browser.open("/sign-in"), "nobody-" + unique(), "not the password at all");
		assertThat(browser.path()).isEqualTo("/sign-in");
		assertThat(browser.texts("p.alert")).containsExactly(
				this.messages.getMessage("problem.sign-in-failed.detail", null, Locale.ENGLISH));
	}

	private static void fillRegistration(Browser browser, String userId, String password, String email) {
		browser.type("userId", userId)
			.type("password", password)
			.type("familyName", "山田")
			.type("givenName", "花子")
			.type("familyNameKana", "ヤマダ")
			.type("givenNameKana", "ハナコ")
			.type("email", email);
	}

	private static void signIn(Browser browser, String identifier, String password) {
		browser.type("identifier", identifier).type("password", password).submit("password");
	}

	private Registering registering() {
		return this.customers.registering();
	}

	private long registrations() {
		return this.jdbc.sql("select count(*) from identity_registration").query(Long.class).single();
	}

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
