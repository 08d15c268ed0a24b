package jp.mamori.identity.pages;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.Registering;
import jp.mamori.identity.account.LockoutMailTests;
import jp.mamori.identity.account.UnlockLinks;
import jp.mamori.identity.api.CustomerSessionHttpTests;
import jp.mamori.identity.credentials.IdentityProperties;
import jp.mamori.identity.signin.EmailCodeSignIn;
import jp.mamori.testing.Browser;
import jp.mamori.testing.Browsers;
import jp.mamori.testing.MutableClock;
import jp.mamori.testing.RecordedSecurityEvents;
import jp.mamori.testing.TestHttp;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sessions, sign-in history and unlock pages in real headless Chromium against the running
 * Mamori: two browsers are two devices of one customer. Loopback is a trusted proxy here, so each
 * browser plays a client address of its own; should the per-address throttle still ask for a wait, the
 * clock is moved by the wait the page names, never slept through.
 */
@IdentityTest
class SessionPagesTests {

	@RegisterExtension
	final Browsers browsers = new Browsers();

	@Autowired
	AccountFixture customers;

	@LocalServerPort
	int port;

	@Value("${mamori.home}")
	Path home;

	@Autowired
	MutableClock clock;

	@Autowired
	MessageSource messages;

	@Autowired
	RecordedSecurityEvents events;

	@Autowired
	IdentityProperties properties;

	@BeforeAll
	static void browserInstalled() {
		assumeTrue(Browser.available() || System.getenv("CI") != null, "chromium and chromedriver are not installed");
	}

	@Test
	void aCustomerEndsAnotherDevicesSessionAndThenEveryOtherInJapanese() {
		String userId = "devices-" + unique();
		registering().registerAndConfirm(Registering.request(userId, userId + "@example.jp", "佐藤", "サトウ"));
		Browser a = this.browsers.open(this.port, Locale.JAPANESE).forwardedFor(CustomerSessionHttpTests.address());
		Browser b = this.browsers.open(this.port, Locale.JAPANESE).forwardedFor(CustomerSessionHttpTests.address());
		signIn(a, userId, Registering.PASSWORD);
		signIn(b, userId, Registering.PASSWORD);

		a.open("/account").click("sessions-link");
		assertThat(a.path()).isEqualTo("/account/sessions");
		assertThat(a.title()).contains("ログイン中の端末");
		assertThat(a.texts("tr.current-session")).singleElement()
			.satisfies((row) -> assertThat(row).contains("この端末").contains("日本時間").contains("Chrome"));
		assertThat(a.texts("tr.other-session")).hasSize(1);
		a.clickFirst("tr.other-session button.end-session").awaitPath("/account/sessions?notice=session-ended");
		assertThat(a.texts("p.notice")).containsExactly("選択した端末をログアウトさせました。");
		assertThat(a.texts("tr.other-session")).isEmpty();

		b.open("/account");
		assertThat(b.path()).as("B's session is really gone").startsWith("/sign-in");
		a.open("/account");
		assertThat(a.path()).as("A is still signed in").isEqualTo("/account");

		signIn(b, userId, Registering.PASSWORD);
		a.open("/account/sessions");
		assertThat(a.texts("tr.other-session")).hasSize(1);
		a.click("end-other-sessions").awaitPath("/account/sessions?notice=other-sessions-ended");
		assertThat(a.texts("p.notice")).containsExactly("ほかのすべての端末をログアウトさせました。");
		assertThat(a.text("no-other-sessions")).isNotBlank();
		b.open("/account/sessions");
		assertThat(b.path()).startsWith("/sign-in");
		a.open("/account/sessions");
		assertThat(a.path()).isEqualTo("/account/sessions");

		a.open("/account").click("sign-in-history-link");
		assertThat(a.path()).isEqualTo("/account/sign-in-history");
		List<String> rows = a.texts("#sign-in-history tbody tr");
		assertThat(rows).hasSizeGreaterThanOrEqualTo(3)
			.allSatisfy((row) -> assertThat(row).contains("日本時間").contains("パスワード").contains("ログイン成功"));
		assertThat(this.events.named("auth.session.revoked")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("scope", "others")
			.containsEntry("count", "1"));
	}

	@Test
	void aLockedOutOwnerUnlocksByTheMailedLinkAndSignsInInEnglish() {
		String userId = "unlock-" + unique();
		String email = userId + "@example.jp";
		String account = registering().registerAndConfirm(Registering.request(userId, email, "田中", "タナカ"));
		lockOut(userId, account);
		Browser owner = this.browsers.open(this.port, Locale.ENGLISH).forwardedFor(CustomerSessionHttpTests.address());
		signIn(owner, userId, Registering.PASSWORD);
		assertThat(owner.path()).as("locked: even the right password is refused").isEqualTo("/sign-in");

		Matcher link = LockoutMailTests.LINK.matcher(lockoutMail(email));
		assertThat(link.find()).isTrue();
		owner.open("/account/unlock?token=" + link.group(2));
		assertThat(owner.path()).as("open without signing in").startsWith("/account/unlock");
		assertThat(owner.title()).contains("Allow password sign-in again");
		assertThat(ended(account, UnlockLinks.REASON)).as("opening the link changes nothing").isFalse();
		owner.click("unlock").awaitText("unlocked", "Password sign-in is allowed again.");
		assertThat(owner.path()).as("the token went in the body").isEqualTo("/account/unlock");
		assertThat(owner.attribute("#unlock-new-password", "href")).isEqualTo("/password-reset");
		assertThat(ended(account, UnlockLinks.REASON)).isTrue();

		owner.click("unlock-sign-in");
		signIn(owner, userId, Registering.PASSWORD);
		assertThat(owner.path()).isEqualTo("/account");
		assertThat(owner.text("profile-user-id")).isEqualTo(userId);
	}

	@Test
	void aCodeByEmailStillSignsInDuringALockout() {
		String userId = "unlock-" + unique();
		String email = userId + "@example.jp";
		String account = registering().registerAndConfirm(Registering.request(userId, email, "田中", "タナカ"));
		lockOut(userId, account);

		Browser owner = this.browsers.open(this.port, Locale.JAPANESE).forwardedFor(CustomerSessionHttpTests.address());
		throughThrottle(owner, () -> owner.open("/sign-in/email-code").type("identifier", email).submit("identifier"));
		assertThat(owner.path()).isEqualTo("/sign-in/email-code/entry");
		String code = registering().code(email);
		throughThrottle(owner, () -> owner.open("/sign-in/email-code/entry").type("code", code).submit("code"));
		assertThat(owner.path()).isEqualTo("/account");
		assertThat(owner.text("profile-user-id")).isEqualTo(userId);
		assertThat(ended(account, EmailCodeSignIn.METHOD)).as("and it ends the lockout").isTrue();
	}

	/** Wrong passwords up to the threshold, each from an address of its own as a spread attack would send them. */
	private void lockOut(String userId, String account) {
		Browser attacker = this.browsers.open(this.port, Locale.ENGLISH);
		for (int i = 0; i < this.properties.lockout().threshold(); i++) {
			signIn(attacker.forwardedFor(CustomerSessionHttpTests.address()), userId, "not the password " + i);
			assertThat(attacker.path()).isEqualTo("/sign-in");
		}
		assertThat(this.events.named("auth.lockout.started"))
			.anySatisfy((event) -> assertThat(event.attributes()).containsEntry("account_id", account));
	}

	@Test
	void theUnlockPageKeepsItsTokenToItselfAndRefusesAWrongOneClearly() {
		TestHttp http = new TestHttp(this.home, this.port);
		HttpResponse<String> page = http.get("/account/unlock?token=abc", "Accept-Language", "ja",
				"X-Forwarded-For", CustomerSessionHttpTests.address());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(page.body()).contains("パスワードでのログインを再開する").doesNotContain("token=abc");

		Browser browser = this.browsers.open(this.port, Locale.JAPANESE).forwardedFor(CustomerSessionHttpTests.address());
		throughThrottle(browser, () -> browser.open("/account/unlock?token=" + "A".repeat(43))
			.click("unlock")
			.awaitPath("/account/unlock"));
		assertThat(browser.texts("p.alert")).containsExactly(
				this.messages.getMessage("problem.unlock-link-invalid.detail", null, Locale.JAPANESE));
	}

	private void signIn(Browser browser, String identifier, String password) {
		throughThrottle(browser, () -> browser.open("/sign-in")
			.type("identifier", identifier)
			.type("password", password)
			.submit("password"));
	}

	/** Take a step; while the page says the address must wait, move the clock by that wait and take it again. */
	private void throughThrottle(Browser browser, Runnable step) {
		for (int i = 0; i < 5; i++) {
			step.run();
			Optional<Long> wait = throttled(browser);
			if (wait.isEmpty()) {
				return;
			}
			this.clock.advance(Duration.ofSeconds(wait.get() + 1));
		}
		throw new AssertionError("still throttled");
	}

	private Optional<Long> throttled(Browser browser) {
		String message = this.messages.getMessage("problem.sign-in-throttled.detail", new Object[] { "{0}" },
				browser.language());
		String lead = message.substring(0, message.indexOf("{0}"));
		return browser.texts("p.alert")
			.stream()
			.filter((alert) -> alert.startsWith(lead))
			.findFirst()
			.map((alert) -> Long.parseLong(alert.substring(lead.length()).replaceAll("\\D", "")));
	}

	private boolean ended(String account, String reason) {
		return this.events.named("auth.lockout.ended")
			.stream()
			.anyMatch((event) -> account.equals(event.attributes().get("account_id"))
					&& reason.equals(event.attributes().get("reason")));
	}

	/** The mail leaves on its own thread after the lockout commits; wait for its delivery. */
	private String lockoutMail(String email) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			Optional<String> text = registering().mails(email)
				.stream()
				.filter((mail) -> String.valueOf(mail.get("subject")).startsWith(LockoutMailTests.LOCKOUT_SUBJECT))
				.map((mail) -> (String) mail.get("text"))
				.findFirst();
			if (text.isPresent()) {
				return text.get();
			}
			Thread.onSpinWait();
		}
		throw new AssertionError("no lockout mail arrived");
	}

	private Registering registering() {
		return this.customers.registering();
	}

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
