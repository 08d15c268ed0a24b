package jp.mamori.identity.internal;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import jp.mamori.testing.MutableClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's sign-in pages as a browser meets them: plain forms, CSRF tokens, no script. */
@IdentityTest
class ConsolePageTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Value("${mamori.home}")
	Path home;

	@Autowired
	StaffAdministration administration;

	@Autowired
	MutableClock clock;

	@Test
	void anonymousVisitorsAreSentToTheSignInPage() {
		HttpResponse<String> home = new StaffClient(this.home, this.port).get("/console");
		assertThat(home.statusCode()).isEqualTo(302);
		assertThat(home.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/console/sign-in"));
	}

	@Test
	void aMemberSignsInWithPasswordAndCodeAndSeesTheirPermissionsInJapanese() {
		Staffing staffing = new Staffing(this.administration, this.clock, this.home, this.port);
		Staffing.Member member = staffing.member(Set.of("AUDITOR"));
		StaffClient browser = new StaffClient(this.home, this.port).language("ja");
		HttpResponse<String> page = browser.get("/console/sign-in");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("スタッフログイン").contains("altcha-widget");
		// Scripts only from files (the bot check's), never inline.
		assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(page.body()).find()).isFalse();
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				(policy) -> assertThat(policy).doesNotContain("unsafe-inline").contains("script-src"));

		HttpResponse<String> wrong = browser.postForm("/console/sign-in", "_csrf", csrf(page), "userId", member.userId(),
				"password", "not the password at all");
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(wrong.body()).contains("ログインできませんでした");

		HttpResponse<String> password = browser.postForm("/console/sign-in", "_csrf", csrf(wrong), "userId",
				member.userId(), "password", Staffing.PASSWORD);
		assertThat(password.statusCode()).as(password.body()).isEqualTo(302);
		HttpResponse<String> totpPage = browser.get("/console/sign-in/totp");
		assertThat(totpPage.body()).contains("認証アプリのコード");
		HttpResponse<String> totp = browser.postForm("/console/sign-in/totp", "_csrf", csrf(totpPage), "code",
				staffing.code(member.secret()));
		assertThat(totp.statusCode()).as(totp.body()).isEqualTo(302);
		HttpResponse<String> home = browser.get("/console");
		assertThat(home.statusCode()).isEqualTo(200);
		assertThat(home.body()).contains(member.staffId()).contains("AUDIT_VERIFY");

		HttpResponse<String> signedOut = browser.postForm("/console/sign-out", "_csrf", csrf(home));
		assertThat(signedOut.statusCode()).isEqualTo(302);
		assertThat(browser.get("/console").statusCode()).isEqualTo(302);
	}

	@Test
	void aFormWithoutTheCsrfTokenIsRefused() {
		Staffing staffing = new Staffing(this.administration, this.clock, this.home, this.port);
		Staffing.Member member = staffing.member(Set.of());
		StaffClient browser = new StaffClient(this.home, this.port);
		browser.get("/console/sign-in");
		HttpResponse<String> forged = browser.postForm("/console/sign-in", "userId", member.userId(), "password",
				Staffing.PASSWORD);
		assertThat(forged.statusCode()).isEqualTo(403);
	}

	private static String csrf(HttpResponse<String> page) {
		Matcher matcher = CSRF.matcher(page.body());
		assertThat(matcher.find()).as(page.body()).isTrue();
		return matcher.group(1);
	}

}
