package jp.mamori.staff.internal;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;
import jp.mamori.platform.SecurityEvent;
import jp.mamori.staff.StaffClient;
import jp.mamori.staff.Staffing;
import jp.mamori.testing.MutableClock;
import jp.mamori.testing.RecordedSecurityEvents;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Staff sign in with a password and always a second factor; their sessions time out by the clock. */
@IdentityTest
class StaffSignInTests {

	@Autowired
	StaffAdministration administration;

	@Autowired
	MutableClock clock;

	@Autowired
	RecordedSecurityEvents events;

	@Autowired
	Staffing staffing;

	@Test
	void aMemberWithoutAuthenticatorCanOnlyEnrolOneAndMustThenSignInAgain() {
		String userId = Staffing.uniqueUserId("enrol");
		var created = this.administration.create(userId, Set.of("AUDITOR")).value();
		StaffClient client = this.staffing.client();
		assertThat(client.postJson("/api/v1/staff/setup",
				Map.of("token", created.setupToken(), "userId", userId, "password", Staffing.PASSWORD))
			.statusCode()).isEqualTo(201);

		HttpResponse<String> password = client.signIn(userId, Staffing.PASSWORD);
		assertThat(password.statusCode()).isEqualTo(200);
		assertThat(password.body()).contains("totp-enrolment");
		assertThat(client.get("/api/v1/staff/accounts").statusCode()).isEqualTo(401);
		assertThat(client.get("/api/v1/staff/session").statusCode()).isEqualTo(401);
		assertThat(client.postJson("/api/v1/staff/session/totp", Map.of("code", "123456")).statusCode()).isEqualTo(401);

		HttpResponse<String> started = client.postJson("/api/v1/staff/session/totp-enrolment", Map.of());
		String secret = (String) CustomerClient.json.readValue(started.body(), Map.class).get("secret");
		assertThat(secret).matches("[A-Z2-7]{32}");
		assertThat(client.postJson("/api/v1/staff/session/totp-enrolment/confirmation", Map.of("code", "000000"))
			.statusCode()).isEqualTo(400);
		HttpResponse<String> confirmed = client.postJson("/api/v1/staff/session/totp-enrolment/confirmation",
				Map.of("code", this.staffing.code(secret)));
		assertThat(confirmed.body()).contains("sign-in");
		// Enrolled, but still not signed in: the enrolment state is gone, too.
		assertThat(client.get("/api/v1/staff/accounts").statusCode()).isEqualTo(401);
		assertThat(client.postJson("/api/v1/staff/session/totp-enrolment", Map.of()).statusCode()).isEqualTo(401);

		StaffClient signedIn = this.staffing.signedIn(new Staffing.Member(created.staffId(), userId, secret));
		HttpResponse<String> session = signedIn.get("/api/v1/staff/session");
		assertThat(session.statusCode()).isEqualTo(200);
		assertThat(session.body()).contains(created.staffId()).contains("AUDIT_VERIFY").doesNotContain("STAFF_MANAGE");
		assertThat(signedIn.get("/api/v1/staff/accounts").statusCode()).isEqualTo(200);
	}

	@Test
	void thePasswordAloneNeverSignsInAMemberWithAnAuthenticator() {
		Staffing.Member member = this.staffing.aStaffMemberWithTotp("AUDITOR");
		StaffClient client = this.staffing.client();
		assertThat(client.signIn(member.userId(), Staffing.PASSWORD).body()).contains("\"totp\"");
		assertThat(client.get("/api/v1/staff/accounts").statusCode()).isEqualTo(401);
		assertThat(client.postJson("/api/v1/staff/session/totp", Map.of("code", "000000")).statusCode())
			.isEqualTo(401);
	}

	@Test
	void aCodeIsAcceptedOnlyOnce() {
		Staffing.Member member = this.staffing.aStaffMemberWithTotp("AUDITOR");
		String code = this.staffing.code(member.secret());
		StaffClient first = this.staffing.client();
		first.signIn(member.userId(), Staffing.PASSWORD);
		assertThat(first.postJson("/api/v1/staff/session/totp", Map.of("code", code)).statusCode()).isEqualTo(200);
		StaffClient second = this.staffing.client();
		second.signIn(member.userId(), Staffing.PASSWORD);
		assertThat(second.postJson("/api/v1/staff/session/totp", Map.of("code", code)).statusCode()).isEqualTo(401);
	}

	@Test
	void wrongPasswordsAndUnknownUserIdsGetOneAnswerInEitherLanguage() {
		Staffing.Member member = this.staffing.aStaffMemberWithTotp();
		HttpResponse<String> wrong = this.staffing.client().signIn(member.userId(), "not the password at all");
		HttpResponse<String> unknown = this.staffing.client().signIn("nobody-" + member.userId(), Staffing.PASSWORD);
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(unknown.statusCode()).isEqualTo(401);
		assertThat(CustomerClient.json.readValue(wrong.body(), Map.class).get("type"))
			.isEqualTo(CustomerClient.json.readValue(unknown.body(), Map.class).get("type"))
			.isEqualTo("urn:mamori:problem:staff-sign-in-failed");
		HttpResponse<String> japanese = this.staffing.aBrowser().language("ja")
			.withCsrfToken()
			.signIn(member.userId(), "not the password at all");
		assertThat(japanese.body()).contains("ログインできませんでした");
		assertThat(japanese.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void wrongPasswordsLockAStaffAccountByTheCustomersRulesButInItsOwnTable() {
		Staffing.Member member = this.staffing.aStaffMemberWithTotp();
		for (int i = 0; i < 10; i++) {
			assertThat(this.staffing.client().signIn(member.userId(), "not the password at all").statusCode())
				.isEqualTo(401);
		}
		SecurityEvent locked = last("auth.staff.lockout.started");
		assertThat(locked.attributes()).containsEntry("staff_id", member.staffId()).doesNotContainKey("account_id");
		assertThat(this.staffing.client().signIn(member.userId(), Staffing.PASSWORD).statusCode()).isEqualTo(401);
		this.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
		assertThat(this.staffing.signedIn(member).get("/api/v1/staff/session").statusCode()).isEqualTo(200);
	}

	@Test
	void afterThreeFailuresFromAnAddressTheNextSignInNeedsTheBotCheck() {
		Staffing.Member member = this.staffing.aStaffMemberWithTotp();
		StaffClient client = this.staffing.client();
		for (int i = 0; i < 3; i++) {
			assertThat(client.signIn(member.userId(), "not the password at all").statusCode()).isEqualTo(401);
		}
		HttpResponse<String> unsolved = client.signIn(member.userId(), Staffing.PASSWORD);
		assertThat(unsolved.statusCode()).isEqualTo(400);
		assertThat(unsolved.body()).contains("urn:mamori:problem:bot-check-failed");
		HttpResponse<String> solved = client.signInWithBotCheck(member.userId(), Staffing.PASSWORD);
		assertThat(solved.statusCode()).as(solved.body()).isEqualTo(200);
		assertThat(solved.body()).contains("\"totp\"");
	}

	@Test
	void staffSignInEventsNameTheStaffIdNeverAnAccountId() {
		Staffing.Member member = this.staffing.aStaffMemberWithTotp();
		this.staffing.client().signIn(member.userId(), "not the password at all");
		this.staffing.signedIn(member);
		SecurityEvent failed = last("auth.staff.login.failed");
		SecurityEvent succeeded = last("auth.staff.login.succeeded");
		assertThat(failed.attributes()).containsEntry("staff_id", member.staffId())
			.containsEntry("reason", "bad_password")
			.doesNotContainKey("account_id");
		assertThat(succeeded.attributes()).containsEntry("staff_id", member.staffId())
			.containsEntry("method", "password+totp")
			.doesNotContainKey("account_id");
		assertThat(this.events.named("auth.login.succeeded")).noneMatch(
				(event) -> member.staffId().equals(event.attributes().get("account_id")));
	}

	@Test
	void aStaffSessionEndsAfterFifteenIdleMinutesByTheClock() {
		StaffClient client = this.staffing.aSignedInStaffMember("AUDITOR");
		this.clock.advance(Duration.ofMinutes(14));
		assertThat(client.get("/api/v1/staff/accounts").statusCode()).isEqualTo(200);
		this.clock.advance(Duration.ofMinutes(14));
		assertThat(client.get("/api/v1/staff/accounts").statusCode()).isEqualTo(200);
		this.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
		assertThat(client.get("/api/v1/staff/accounts").statusCode()).isEqualTo(401);
		assertThat(client.get("/api/v1/staff/session").statusCode()).isEqualTo(401);
		assertThat(this.events.named("auth.staff.session.expired")).isNotEmpty();
	}

	@Test
	void aStaffSessionEndsTwelveHoursAfterSignInHoweverBusy() {
		StaffClient client = this.staffing.aSignedInStaffMember("AUDITOR");
		for (int i = 0; i < 12 * 5 - 1; i++) {
			this.clock.advance(Duration.ofMinutes(12));
			assertThat(client.get("/api/v1/staff/session").statusCode()).as("after %d minutes", 12 * (i + 1))
				.isEqualTo(200);
		}
		this.clock.advance(Duration.ofMinutes(12).plusSeconds(1));
		assertThat(client.get("/api/v1/staff/session").statusCode()).isEqualTo(401);
	}

	@Test
	void signingOutEndsTheSession() {
		StaffClient client = this.staffing.aSignedInStaffMember("AUDITOR");
		assertThat(client.delete("/api/v1/staff/session").statusCode()).isEqualTo(204);
		assertThat(client.get("/api/v1/staff/session").statusCode()).isEqualTo(401);
	}

	private SecurityEvent last(String name) {
		var named = this.events.named(name);
		assertThat(named).isNotEmpty();
		return named.get(named.size() - 1);
	}

}
