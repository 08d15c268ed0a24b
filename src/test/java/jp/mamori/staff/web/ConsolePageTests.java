package jp.mamori.staff.web;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import jp.mamori.identity.IdentityTest;
import jp.mamori.staff.StaffClient;
import jp.mamori.staff.Staffing;
import jp.mamori.staff.internal.StaffAdministration;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's sign-in pages as a browser meets them: plain forms, CSRF tokens, no script. */
@IdentityTest
class ConsolePageTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@Autowired
	Staffing staffing;

	@Autowired
	StaffAdministration administration;

	@Test
	void anonymousVisitorsAreSentToTheSignInPage() {
		HttpResponse<String> home = this.staffing.aBrowser().get("/console");
		assertThat(home.statusCode()).isEqualTo(302);
		assertThat(home.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith("/console/sign-in"));
	}

	@Test
	void aMemberSignsInWithPasswordAndCodeAndSeesTheirPermissionsInJapanese() {
		Staffing.Member member = this.staffing.aStaffMemberWithTotp("AUDITOR");
		StaffClient browser = this.staffing.aBrowser().language("ja");
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
				this.staffing.code(member.secret()));
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
		Staffing.Member member = this.staffing.aStaffMemberWithTotp();
		StaffClient browser = this.staffing.aBrowser();
		browser.get("/console/sign-in");
		HttpResponse<String> forged = browser.postForm("/console/sign-in", "userId", member.userId(), "password",
				Staffing.PASSWORD);
		assertThat(forged.statusCode()).isEqualTo(403);
	}

	@Test
	void aNewMemberEnrolsAnAuthenticatorInTheConsoleAndThenSignsInWithBothFactors() {
		String userId = Staffing.uniqueUserId("enrol");
		var created = this.administration.create(userId, Set.of("AUDITOR")).value();
		assertThat(this.staffing.client().postJson("/api/v1/staff/setup", Map.of("token", created.setupToken(), "userId",
				userId, "password", Staffing.PASSWORD)).statusCode()).isEqualTo(201);
		StaffClient browser = this.staffing.aBrowser().language("ja");
		// Nobody reaches the enrolment without the password first.
		assertThat(browser.get(ConsoleEnrolmentController.ENROLMENT).statusCode()).isEqualTo(302);
		HttpResponse<String> signInPage = browser.get("/console/sign-in");
		HttpResponse<String> password = browser.postForm("/console/sign-in", "_csrf", csrf(signInPage), "userId", userId,
				"password", Staffing.PASSWORD);
		assertThat(password.statusCode()).isEqualTo(302);
		assertThat(password.headers().firstValue("Location")).hasValueSatisfying(
				(location) -> assertThat(location).endsWith(ConsoleEnrolmentController.ENROLMENT));

		HttpResponse<String> page = browser.get(ConsoleEnrolmentController.ENROLMENT);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("認証アプリの設定").doesNotContain("totp-secret");
		assertThat(Pattern.compile("<script").matcher(page.body()).find()).isFalse();
		// The enrolling state grants nothing else.
		assertThat(browser.get("/console").statusCode()).isEqualTo(302);

		HttpResponse<String> started = browser.postForm(ConsoleEnrolmentController.ENROLMENT, "_csrf", csrf(page));
		assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
		assertThat(started.body()).contains("data:image/svg+xml;base64,");
		Matcher shown = Pattern.compile("id=\"totp-secret\" class=\"secret\">([A-Z2-7 ]+)<").matcher(started.body());
		assertThat(shown.find()).as(started.body()).isTrue();
		String secret = shown.group(1).replace(" ", "");

		HttpResponse<String> wrong = browser.postForm(ConsoleEnrolmentController.ENROLMENT + "/confirmation", "_csrf",
				csrf(started), "code", "000000");
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("コードが正しくありません").doesNotContain(secret.substring(0, 8));
		HttpResponse<String> confirmed = browser.postForm(ConsoleEnrolmentController.ENROLMENT + "/confirmation",
				"_csrf", csrf(wrong), "code", this.staffing.code(secret));
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(302);
		HttpResponse<String> again = browser.get("/console/sign-in");
		assertThat(again.body()).contains("認証アプリの設定が完了しました");
		// Enrolment signed nobody in, and the session forgot the member.
		assertThat(browser.get("/console").statusCode()).isEqualTo(302);
		assertThat(browser.postForm(ConsoleEnrolmentController.ENROLMENT, "_csrf", csrf(again)).statusCode())
			.isEqualTo(401);

		HttpResponse<String> signIn = browser.get("/console/sign-in");
		assertThat(browser.postForm("/console/sign-in", "_csrf", csrf(signIn), "userId", userId, "password",
				Staffing.PASSWORD).headers().firstValue("Location")).hasValueSatisfying(
						(location) -> assertThat(location).endsWith("/console/sign-in/totp"));
		HttpResponse<String> totpPage = browser.get("/console/sign-in/totp");
		assertThat(browser.postForm("/console/sign-in/totp", "_csrf", csrf(totpPage), "code", this.staffing.code(secret))
			.statusCode()).isEqualTo(302);
		assertThat(browser.get("/console").body()).contains(created.staffId());
	}

	@Test
	void theEnrolmentFormsNeedTheCsrfToken() {
		StaffClient browser = this.staffing.aBrowser();
		browser.get("/console/sign-in");
		assertThat(browser.postForm(ConsoleEnrolmentController.ENROLMENT).statusCode()).isEqualTo(403);
		assertThat(browser.postForm(ConsoleEnrolmentController.ENROLMENT + "/confirmation", "code", "123456")
			.statusCode()).isEqualTo(403);
	}

	private static String csrf(HttpResponse<String> page) {
		Matcher matcher = CSRF.matcher(page.body());
		assertThat(matcher.find()).as(page.body()).isTrue();
		return matcher.group(1);
	}

}
