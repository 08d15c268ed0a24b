package jp.mamori.staff.internal;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;
import jp.mamori.staff.StaffClient;
import jp.mamori.staff.Staffing;
import jp.mamori.staff.web.StaffAccountController;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Administrators create staff accounts, assign roles and disable accounts over the staff API. */
@IdentityTest
class StaffAdministrationTests {

	@Autowired
	Staffing staffing;

	StaffClient administrator;

	@BeforeEach
	void administrator() {
		this.administrator = this.staffing.aSignedInStaffMember(StaffAccounts.ADMINISTRATOR);
	}

	@Test
	void aNewMemberSetsTheirOwnPasswordWithTheTokenShownOnceToTheAdministrator() {
		String userId = Staffing.uniqueUserId("new");
		HttpResponse<String> created = this.administrator.postJson(StaffAccountController.ACCOUNTS,
				Map.of("userId", userId, "roles", List.of("CUSTOMER_SUPPORT")));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		Map<?, ?> body = CustomerClient.json.readValue(created.body(), Map.class);
		String token = (String) body.get("setupToken");
		assertThat(token).matches("[A-Z2-7]{52}");

		StaffClient member = this.staffing.client();
		assertThat(member.postJson(StaffApiSecurity.SETUP_PATH,
				Map.of("token", token, "userId", "someone-else", "password", Staffing.PASSWORD))
			.body()).contains("staff-setup-user-id-mismatch");
		assertThat(member.postJson(StaffApiSecurity.SETUP_PATH,
				Map.of("token", token, "userId", userId, "password", Staffing.PASSWORD))
			.statusCode()).isEqualTo(201);
		String secret = this.staffing.enrol(this.staffing.client(), userId);
		StaffClient signedIn = this.staffing
			.signedIn(new Staffing.Member((String) body.get("staffId"), userId, secret));
		assertThat(signedIn.get(StaffApiSecurity.SESSION_PATH).body()).contains("CUSTOMERS_READ")
			.doesNotContain("STAFF_READ");

		HttpResponse<String> list = this.administrator.get(StaffAccountController.ACCOUNTS);
		assertThat(list.body()).contains(userId).contains("CUSTOMER_SUPPORT").doesNotContain("password");
	}

	@Test
	void aTakenUserIdUnknownRoleOrBadUserIdIsAClearProblem() {
		Staffing.Member existing = this.staffing.aStaffMemberWithTotp();
		assertThat(this.administrator.postJson(StaffAccountController.ACCOUNTS,
				Map.of("userId", existing.userId().toUpperCase(), "roles", List.of())).statusCode()).isEqualTo(409);
		assertThat(this.administrator.postJson(StaffAccountController.ACCOUNTS,
				Map.of("userId", Staffing.uniqueUserId("r"), "roles", List.of("KING"))).body())
			.contains("staff-role-unknown");
		assertThat(this.administrator.postJson(StaffAccountController.ACCOUNTS,
				Map.of("userId", "a@b", "roles", List.of())).body()).contains("userId");
	}

	@Test
	void rolesTakeEffectAtTheNextRequest() {
		Staffing.Member member = this.staffing.aStaffMemberWithTotp();
		StaffClient client = this.staffing.signedIn(member);
		assertThat(client.get(StaffAccountController.ACCOUNTS).statusCode()).isEqualTo(403);
		assertThat(this.administrator
			.putJson(StaffAccountController.ACCOUNTS + "/" + member.staffId() + "/roles", Map.of("roles", List.of("AUDITOR")))
			.statusCode()).isEqualTo(204);
		assertThat(client.get(StaffAccountController.ACCOUNTS).statusCode()).isEqualTo(200);
		this.administrator.putJson(StaffAccountController.ACCOUNTS + "/" + member.staffId() + "/roles",
				Map.of("roles", List.of()));
		assertThat(client.get(StaffAccountController.ACCOUNTS).statusCode()).isEqualTo(403);
	}

	@Test
	void disablingAnAccountEndsItsSessionsAndItsSignIns() {
		Staffing.Member member = this.staffing.aStaffMemberWithTotp("AUDITOR");
		StaffClient client = this.staffing.signedIn(member);
		assertThat(client.get(StaffAccountController.ACCOUNTS).statusCode()).isEqualTo(200);
		assertThat(this.administrator.postJson(StaffAccountController.ACCOUNTS + "/" + member.staffId() + "/disablement",
				Map.of()).statusCode()).isEqualTo(204);
		assertThat(client.get(StaffAccountController.ACCOUNTS).statusCode()).isEqualTo(401);
		StaffClient again = this.staffing.client();
		assertThat(again.signIn(member.userId(), Staffing.PASSWORD).statusCode()).isEqualTo(401);
	}

	@Test
	void theLastAdministratorCannotBeDisabledOrDemoted() {
		// Alone among administrators only if every other one is gone; disable the others first.
		HttpResponse<String> list = this.administrator.get(StaffAccountController.ACCOUNTS);
		String self = (String) CustomerClient.json
			.readValue(this.administrator.get(StaffApiSecurity.SESSION_PATH).body(), Map.class)
			.get("staffId");
		for (Object each : CustomerClient.json.readValue(list.body(), List.class)) {
			Map<?, ?> member = (Map<?, ?>) each;
			if (!member.get("staffId").equals(self) && ((List<?>) member.get("roles")).contains("ADMINISTRATOR")) {
				this.administrator.postJson(StaffAccountController.ACCOUNTS + "/" + member.get("staffId") + "/disablement",
						Map.of());
			}
		}
		assertThat(this.administrator.postJson(StaffAccountController.ACCOUNTS + "/" + self + "/disablement", Map.of())
			.body()).contains("staff-last-administrator");
		assertThat(this.administrator
			.putJson(StaffAccountController.ACCOUNTS + "/" + self + "/roles", Map.of("roles", List.of("AUDITOR")))
			.statusCode()).isEqualTo(409);
		assertThat(this.administrator.get(StaffApiSecurity.SESSION_PATH).statusCode()).isEqualTo(200);
	}

}
