package jp.mamori.staff.internal;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;
import jp.mamori.staff.StaffClient;
import jp.mamori.staff.Staffing;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Every staff sign-in and every staff action is in the operation log, read back from it. */
@IdentityTest
class StaffAuditTests {

	record Entry(String actorKind, String actorId, String action, Map<String, Object> details) {
	}

	@Autowired
	Staffing staffing;

	@Autowired
	JdbcClient jdbc;

	@Test
	void signInsSucceededAndFailedAreLoggedWithTheStaffId() {
		Staffing.Member member = this.staffing.aStaffMemberWithTotp();
		this.staffing.client().signIn(member.userId(), "not the password at all");
		this.staffing.signedIn(member);
		List<Entry> entries = entries(member.staffId(), "staff.sign_in");
		assertThat(entries).anySatisfy((entry) -> {
			assertThat(entry.actorKind()).isEqualTo("STAFF");
			assertThat(entry.details()).containsEntry("outcome", "denied").containsEntry("reason", "bad_password")
				.containsEntry("staff_id", member.staffId())
				.containsEntry("endpoint", "POST /api/v1/staff/session");
		});
		assertThat(entries).anySatisfy((entry) -> assertThat(entry.details()).containsEntry("outcome", "succeeded")
			.containsEntry("endpoint", "POST /api/v1/staff/session/totp"));
		assertThat(this.jdbc.sql("select count(*) from audit_entry where details like ?")
			.param("%" + member.userId() + "%")
			.query(Long.class)
			.single()).as("the typed user ID is never logged").isZero();
	}

	@Test
	void aSignInForAnUnknownUserIdIsLoggedWithoutTheTypedUserId() {
		String typed = Staffing.uniqueUserId("ghost");
		this.staffing.client().signIn(typed, "not the password at all");
		assertThat(this.jdbc.sql("select count(*) from audit_entry where details like ?")
			.param("%" + typed + "%")
			.query(Long.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("""
				select count(*) from audit_entry where action = 'staff.sign_in' and actor_kind = 'SYSTEM'
				and details like '%unknown_account%'""").query(Long.class).single()).isPositive();
	}

	@Test
	void actionsAreLoggedWithEndpointPermissionOutcomeAndStaffId() {
		Staffing.Member auditor = this.staffing.aStaffMemberWithTotp("AUDITOR");
		StaffClient client = this.staffing.signedIn(auditor);
		assertThat(client.get("/api/v1/staff/accounts").statusCode()).isEqualTo(200);
		assertThat(client.postJson("/api/v1/staff/accounts", Map.of("userId", "x-" + auditor.userId(), "roles",
				List.of())).statusCode()).isEqualTo(403);
		List<Entry> actions = entries(auditor.staffId(), "staff.action");
		assertThat(actions).anySatisfy((entry) -> assertThat(entry.details())
			.containsEntry("endpoint", "GET /api/v1/staff/accounts")
			.containsEntry("permission", "STAFF_READ")
			.containsEntry("outcome", "succeeded")
			.containsEntry("status", 200)
			.containsEntry("staff_id", auditor.staffId()));
		assertThat(actions).anySatisfy((entry) -> assertThat(entry.details())
			.containsEntry("endpoint", "POST /api/v1/staff/accounts")
			.containsEntry("permission", "PRIVILEGED_OPERATIONS")
			.containsEntry("outcome", "denied"));
	}

	@Test
	void theAuditorVerifiesTheOperationLog() {
		StaffClient auditor = this.staffing.aSignedInStaffMember("AUDITOR");
		var response = auditor.postJson("/api/v1/staff/audit/verification", Map.of());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(CustomerClient.json.readValue(response.body(), Map.class)).containsKey("intact")
			.containsKey("entriesChecked");
	}

	private List<Entry> entries(String staffId, String action) {
		return this.jdbc.sql("""
				select actor_kind, actor_id, action, details from audit_entry
				where action = ? and subject = ? order by id""")
			.params(action, staffId)
			.query((rs, row) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3),
					CustomerClient.json.readValue(rs.getString(4), Map.class)))
			.list();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> details(String json) {
		return CustomerClient.json.readValue(json, Map.class);
	}

}
