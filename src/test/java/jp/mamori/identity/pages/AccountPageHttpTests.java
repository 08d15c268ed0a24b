package jp.mamori.identity.pages;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.Registering;
import jp.mamori.identity.api.CustomerSessionHttpTests;
import jp.mamori.identity.session.CustomerSessions;
import jp.mamori.testing.MutableClock;
import jp.mamori.testing.TestHttp;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The account-operation pages over real HTTPS without a browser: what a prober or a stale session meets. */
@IdentityTest
class AccountPageHttpTests {

	private static final Pattern HIDDEN_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	AccountFixture customers;

	@LocalServerPort
	int port;

	@Value("${mamori.home}")
	Path home;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	TestHttp http;

	@BeforeEach
	void client() {
		this.http = new TestHttp(this.home, this.port);
	}

	@Test
	void theResetLinksTokenGoesOnlyIntoTheFormAndNoAddressOrReferrer() {
		String token = "A".repeat(20) + UUID.randomUUID().toString().replace("-", "").substring(0, 23);
		HttpResponse<String> page = this.http.get("/password-reset?token=" + token, "Accept", "text/html",
				"Accept-Language", "en");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
		assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(page.body()).contains("<input type=\"hidden\" name=\"token\" value=\"" + token + "\">")
			.contains("action=\"/password-reset/new-password\"");
		assertThat(page.body().split(token, -1)).as("the token appears once, in the hidden field").hasSize(2);

		String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
		Matcher csrf = HIDDEN_TOKEN.matcher(page.body());
		assertThat(csrf.find()).isTrue();
		HttpResponse<String> refused = this.http.post("/password-reset/new-password",
				"application/x-www-form-urlencoded",
				"_csrf=" + csrf.group(1) + "&token=" + token + "&newPassword=kumo-no-ue-de-odoru-2027", "Accept",
				"text/html", "Accept-Language", "en", "Cookie", cookie, "X-Forwarded-For",
				CustomerSessionHttpTests.address());
		assertThat(refused.statusCode()).as("an unknown token").isEqualTo(400);
		assertThat(refused.headers().firstValue("Location")).isEmpty();
		assertThat(refused.body()).contains("It has expired, was used already").doesNotContain(token, "Exception");

		HttpResponse<String> crafted = this.http.get("/password-reset?token=%3Cscript%3Ealert(1)%3C/script%3E",
				"Accept", "text/html", "Accept-Language", "ja");
		assertThat(crafted.statusCode()).isEqualTo(400);
		assertThat(crafted.body()).contains("有効期限が切れたか", "<html lang=\"ja\">").doesNotContain("<script>alert");
	}

	@Test
	void theResetRequestPageIsNoWayAroundTheBotCheck() {
		HttpResponse<String> page = this.http.get("/password-reset", "Accept", "text/html", "Accept-Language", "en");
		assertThat(page.body()).contains("<altcha-widget");
		String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
		Matcher csrf = HIDDEN_TOKEN.matcher(page.body());
		assertThat(csrf.find()).isTrue();
		AccountFixture.Customer customer = this.customers.aConfirmedCustomer("pagebot");
		HttpResponse<String> response = this.http.post("/password-reset", "application/x-www-form-urlencoded",
				"_csrf=" + csrf.group(1) + "&login=" + customer.userId(), "Accept", "text/html", "Accept-Language", "en",
				"Cookie", cookie, "X-Forwarded-For", CustomerSessionHttpTests.address());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("not a robot");
		assertThat(this.customers.mails(customer.email(), "Reset")).isEmpty();
	}

	@Test
	void thePasswordlessChoiceWorksWithoutScriptsAndIgnoresAPasswordLeftInTheField() {
		HttpResponse<String> page = this.http.get("/register", "Accept", "text/html", "Accept-Language", "en");
		assertThat(page.body()).contains("id=\"passwordless\"", "<script src=\"/assets/register.js\" defer>");
		String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
		Matcher csrf = HIDDEN_TOKEN.matcher(page.body());
		assertThat(csrf.find()).isTrue();
		String userId = "noscript" + UUID.randomUUID().toString().substring(0, 8);
		String solution = this.customers.aBrowser().botCheckSolution();
		HttpResponse<String> response = this.http.post("/register", "application/x-www-form-urlencoded",
				"_csrf=" + csrf.group(1) + "&altcha=" + URLEncoder.encode(solution, StandardCharsets.UTF_8) + "&userId="
						+ userId + "&passwordless=true&password=left-in-the-field"
						+ "&familyName=%E5%B1%B1%E7%94%B0&givenName=%E8%8A%B1%E5%AD%90"
						+ "&familyNameKana=%E3%83%A4%E3%83%9E%E3%83%80&givenNameKana=%E3%83%8F%E3%83%8A%E3%82%B3&email="
						+ userId + "@example.jp",
				"Accept", "text/html", "Accept-Language", "en", "Cookie", cookie, "X-Forwarded-For",
				CustomerSessionHttpTests.address());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		assertThat(this.jdbc.sql("select password_hash is null from identity_registration where user_id = ?")
			.param(userId)
			.query(Boolean.class)
			.single()).as("registered without a password").isTrue();
	}

	@Test
	void everyAccountOperationPageNeedsAFreshSignIn() {
		AccountFixture.Customer customer = this.customers.aConfirmedCustomer("pagefresh");
		CustomerClient client = this.customers.signedIn(customer.userId(), Registering.PASSWORD);
		assertThat(client.get("/account/close").statusCode()).as("fresh: the page itself").isEqualTo(200);

		this.clock.advance(CustomerSessions.FRESH_SIGN_IN.plusMinutes(1));
		for (String page : new String[] { "/account/security/password", "/account/email", "/account/close" }) {
			HttpResponse<String> response = client.get(page);
			assertThat(response.statusCode()).as(page).isEqualTo(302);
			assertThat(response.headers().firstValue("Location")).as(page)
				.hasValueSatisfying((to) -> assertThat(to).endsWith("/sign-in?next=" + page.replace("/", "%2F")
						+ "&notice=fresh-sign-in-account"));
		}
		assertThat(client.get("/account").statusCode()).as("still signed in").isEqualTo(200);
	}

}
