package jp.mamori.identity.pages;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.Registering;
import jp.mamori.identity.api.CustomerSessionHttpTests;
import jp.mamori.platform.web.SecurityHeaders;
import jp.mamori.testing.TestHttp;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The customer pages' security chain over real HTTPS, without a browser: what a forger or a prober meets. */
@IdentityTest
class CustomerPageHttpTests {

	private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=\"/assets/)[^>]*>");

	private static final Pattern HIDDEN_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	AccountFixture customers;

	@LocalServerPort
	int port;

	@Value("${mamori.home}")
	Path home;

	@Autowired
	JdbcClient jdbc;

	TestHttp http;

	@BeforeEach
	void client() {
		this.http = new TestHttp(this.home, this.port);
	}

	@Test
	void aSignInPostWithoutTheFormsTokenIsRefusedEvenWithoutCookies() {
		HttpResponse<String> response = this.http.post("/sign-in", "application/x-www-form-urlencoded",
				"identifier=someone&password=whatever", "Accept", "text/html", "Accept-Language", "en");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("The form has expired").doesNotContain("Exception");
	}

	@Test
	void aSignInPostWithTheFormsTokenButEmptyFieldsNamesTheFieldsInTheRequestsLanguage() {
		HttpResponse<String> page = this.http.get("/sign-in", "Accept", "text/html", "Accept-Language", "ja");
		assertThat(page.statusCode()).isEqualTo(200);
		String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
		Matcher token = HIDDEN_TOKEN.matcher(page.body());
		assertThat(token.find()).isTrue();
		HttpResponse<String> response = this.http.post("/sign-in", "application/x-www-form-urlencoded",
				"_csrf=" + token.group(1) + "&identifier=&password=", "Accept", "text/html", "Accept-Language", "ja",
				"Cookie", cookie, "X-Forwarded-For", CustomerSessionHttpTests.address());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("id=\"identifier-error\"", "id=\"password-error\"", "この項目は必須です。");
	}

	/**
	 * The widget starts by itself when the page loads and looks up its proof-of-work algorithm once the
	 * challenge has arrived. The page therefore loads one script, which imports the widget and registers
	 * the algorithm in the same evaluation: no separately loaded script can still be on its way then.
	 */
	@Test
	void theBotCheckIsOneScriptThatRegistersItsWorkerBeforeTheWidgetCanStart() {
		HttpResponse<String> page = this.http.get("/register", "Accept", "text/html", "Accept-Language", "ja");
		assertThat(java.util.regex.Pattern.compile("<script\\b[^>]*\\bsrc=\"([^\"]+)\"")
			.matcher(page.body())
			.results()
			.map((script) -> script.group(1))
			.filter((src) -> src.contains("altcha") || src.contains("bot-check"))).containsExactly("/assets/bot-check.js");
		HttpResponse<String> script = this.http.get("/assets/bot-check.js");
		assertThat(script.statusCode()).isEqualTo(200);
		String body = script.body();
		int widget = body.indexOf("import './vendor/altcha/altcha.min.js';");
		int texts = body.indexOf("import './vendor/altcha/ja.js';");
		int worker = body.indexOf("$altcha.algorithms.set('SHA-256'");
		assertThat(widget).isNotNegative();
		assertThat(texts).isGreaterThan(widget);
		assertThat(worker).isGreaterThan(texts);
		assertThat(this.http.get("/assets/vendor/altcha/altcha.min.js").statusCode()).isEqualTo(200);
		assertThat(this.http.get("/assets/vendor/altcha/ja.js").statusCode()).isEqualTo(200);
	}

	@Test
	void theRegistrationPageIsNoWayAroundTheBotCheck() {
		HttpResponse<String> page = this.http.get("/register", "Accept", "text/html", "Accept-Language", "en");
		assertThat(page.body()).contains("<altcha-widget");
		String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
		Matcher token = HIDDEN_TOKEN.matcher(page.body());
		assertThat(token.find()).isTrue();
		String email = "bot-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.jp";
		HttpResponse<String> response = this.http.post("/register", "application/x-www-form-urlencoded",
				"_csrf=" + token.group(1) + "&userId=botcheck1&password=" + java.net.URLEncoder.encode(Registering.PASSWORD, java.nio.charset.StandardCharsets.UTF_8)
						+ "&familyName=%E5%B1%B1%E7%94%B0&givenName=%E8%8A%B1%E5%AD%90"
						+ "&familyNameKana=%E3%83%A4%E3%83%9E%E3%83%80&givenNameKana=%E3%83%8F%E3%83%8A%E3%82%B3&email="
						+ email,
				"Accept", "text/html", "Accept-Language", "en", "Cookie", cookie, "X-Forwarded-For",
				CustomerSessionHttpTests.address());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("not a robot");
		assertThat(new Registering(null, this.http).mails(email)).isEmpty();
	}

	/**
	 * The page's sign-in checks the bot check itself, with the read of the account (one round trip before
	 * the hash): once the address has failed three times, a post without a solution shows the form again
	 * with the reason and counts nothing; one with a solution is an ordinary attempt again.
	 */
	@Test
	void theSignInPageNeedsTheBotCheckOnceItsAddressHasFailed() {
		String address = CustomerSessionHttpTests.address();
		for (int i = 0; i < 3; i++) {
			assertThat(signInOnThePage(address, null).statusCode()).isEqualTo(401);
		}
		assertThat(failuresOf(address)).isEqualTo(3);

		HttpResponse<String> unsolved = signInOnThePage(address, null);
		assertThat(unsolved.statusCode()).isEqualTo(400);
		assertThat(unsolved.body()).contains("a completed check that you are a person", "<altcha-widget",
				"name=\"password\"");
		assertThat(failuresOf(address)).as("refused before anything is counted").isEqualTo(3);

		String solution = this.customers.aBrowser().botCheckSolution();
		HttpResponse<String> solved = signInOnThePage(address, solution);
		assertThat(solved.statusCode()).as("checked, then refused like any wrong password").isEqualTo(401);
		assertThat(failuresOf(address)).isEqualTo(4);
		assertThat(signInOnThePage(address, solution).statusCode()).as("a solution is good for one request")
			.isEqualTo(400);
	}

	private HttpResponse<String> signInOnThePage(String address, String solution) {
		HttpResponse<String> page = this.http.get("/sign-in", "Accept", "text/html", "Accept-Language", "en");
		String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
		Matcher token = HIDDEN_TOKEN.matcher(page.body());
		assertThat(token.find()).isTrue();
		String form = "_csrf=" + token.group(1) + "&identifier=nobody-on-the-page&password=not+the+password+at+all";
		if (solution != null) {
			form += "&altcha=" + java.net.URLEncoder.encode(solution, java.nio.charset.StandardCharsets.UTF_8);
		}
		return this.http.post("/sign-in", "application/x-www-form-urlencoded", form, "Accept", "text/html",
				"Accept-Language", "en", "Cookie", cookie, "X-Forwarded-For", address);
	}

	private int failuresOf(String address) {
		return this.jdbc.sql("select coalesce(max(failures), 0) from identity_source_throttle where scope = 'address' "
				+ "and subject = ?").param(address).query(Integer.class).single();
	}

	@Test
	void accountPagesSendAnonymousVisitorsToSignInAndBack() {
		HttpResponse<String> home = this.http.get("/account", "Accept", "text/html");
		assertThat(home.statusCode()).isEqualTo(302);
		assertThat(home.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/sign-in"));
		HttpResponse<String> totp = this.http.get("/account/security/totp", "Accept", "text/html");
		assertThat(totp.statusCode()).isEqualTo(302);
		assertThat(totp.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/sign-in?next=%2Faccount%2Fsecurity%2Ftotp"));
	}

	@Test
	void aSignInNeverReturnsToAnotherSite() {
		for (String next : new String[] { "https://attacker.example/", "//attacker.example/account",
				"/account/../../x", "/account%2F..%2Fx" }) {
			HttpResponse<String> page = this.http.get("/sign-in?next=" + java.net.URLEncoder.encode(next,
					java.nio.charset.StandardCharsets.UTF_8), "Accept", "text/html");
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("name=\"next\" value=\"/account\"").doesNotContain("attacker.example");
		}
	}

	@Test
	void pagesCarryTheContentSecurityPolicyAndNeedNoInlineScriptOrStyle() {
		for (String path : new String[] { "/sign-in", "/register", "/sign-in/email-code", "/sign-in/email-code/entry",
				"/register/done" }) {
			HttpResponse<String> page = this.http.get(path, "Accept", "text/html", "Accept-Language", "en");
			assertThat(page.statusCode()).as(path).isEqualTo(200);
			assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.CONTENT_SECURITY_POLICY);
			assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
			assertThat(page.body()).as(path).contains("<html lang=\"en\">").doesNotContain("style=", "<style");
			assertThat(INLINE_SCRIPT.matcher(page.body()).find()).as(path + ": every script is a file").isFalse();
		}
	}

	@Test
	void badAddressesGetAClearPageNotAServerError() {
		HttpResponse<String> response = this.http.get("/register/not-a-registration", "Accept", "text/html",
				"Accept-Language", "en");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("Exception", "at jp.");
		HttpResponse<String> unknownNotice = this.http.get("/sign-in?notice=%3Cscript%3E", "Accept", "text/html");
		assertThat(unknownNotice.statusCode()).isEqualTo(200);
		assertThat(unknownNotice.body()).doesNotContain("class=\"notice\"");
	}

}
