package jp.mamori.staff.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.IdentityTest;
import jp.mamori.staff.StaffClient;
import jp.mamori.staff.Staffing;
import jp.mamori.staff.internal.StaffAdministration;
import jp.mamori.testing.MutableClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forcing a reset of every customer, creating staff accounts and granting the administrator role need
 * {@code PRIVILEGED_OPERATIONS} and a second factor given within the last five minutes.
 */
@IdentityTest
class StaffPrivilegedOperationsTests {

	static final String FORCE_RESET = StaffCustomerController.CUSTOMERS + "/password-reset";

	@Autowired
	Staffing staffing;

	@Autowired
	AccountFixture accounts;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	Staffing.Member colleague;

	@BeforeEach
	void aColleague() {
		this.colleague = this.staffing.aStaffMemberWithTotp("AUDITOR");
	}

	@Test
	void withoutThePermissionEachIsRefusedAndNamedCustomersCanStillBeReset() {
		StaffClient support = this.staffing.aSignedInStaffMember("CUSTOMER_SUPPORT");
		assertRefused(support.postJson(FORCE_RESET, Map.of("all", true)), "staff-permission-missing");
		AccountFixture.Customer customer = this.accounts.aConfirmedCustomer("named");
		HttpResponse<String> named = support.postJson(FORCE_RESET, Map.of("customers", List.of(customer.id())));
		assertThat(named.statusCode()).as(named.body()).isEqualTo(200);

		StaffClient manager = this.staffing.aSignedInStaffMember("STAFF_MANAGER");
		assertRefused(create(manager), "staff-permission-missing");
		assertRefused(grant(manager, StaffAdministration.ADMINISTRATOR), "staff-permission-missing");
		HttpResponse<String> ordinary = grant(manager, "CUSTOMER_SUPPORT");
		assertThat(ordinary.statusCode()).as(ordinary.body()).isEqualTo(204);
		assertThat(this.jdbc.sql("select count(*) from identity_staff_member_role where staff_id = cast(? as uuid) "
				+ "and role_name = 'ADMINISTRATOR'").param(this.colleague.staffId()).query(Long.class).single()).isZero();
	}

	@Test
	void withThePermissionEachNeedsASecondFactorFromTheLastFiveMinutes() {
		Staffing.Member member = this.staffing.aStaffMemberWithTotp(StaffAdministration.ADMINISTRATOR);
		AccountFixture.Customer customer = this.accounts.aConfirmedCustomer("every");
		StaffClient administrator = this.staffing.signedIn(member);
		this.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
		assertRefused(administrator.postJson(FORCE_RESET, Map.of("all", true)), "staff-step-up-required");
		assertRefused(create(administrator), "staff-step-up-required");
		assertRefused(grant(administrator, StaffAdministration.ADMINISTRATOR), "staff-step-up-required");
		assertThat(resetRequired(customer)).isFalse();

		HttpResponse<String> stepped = administrator.postJson(StaffStepUpController.STEP_UP_PATH,
				Map.of("code", this.staffing.code(member.secret())));
		assertThat(stepped.statusCode()).as(stepped.body()).isEqualTo(204);

		HttpResponse<String> created = create(administrator);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		HttpResponse<String> granted = grant(administrator, StaffAdministration.ADMINISTRATOR);
		assertThat(granted.statusCode()).as(granted.body()).isEqualTo(204);
		try {
			HttpResponse<String> all = administrator.postJson(FORCE_RESET, Map.of("all", true));
			assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
			assertThat(resetRequired(customer)).isTrue();
		}
		finally {
			// Other tests share this database.
			this.jdbc.sql("update identity_customer_account set password_reset_required_at = null").update();
		}
		// The fresh factor lapses again.
		this.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
		assertRefused(create(administrator), "staff-step-up-required");
	}

	private boolean resetRequired(AccountFixture.Customer customer) {
		return this.jdbc.sql("select password_reset_required_at is not null from identity_customer_account "
				+ "where id = cast(? as uuid)").param(customer.id()).query(Boolean.class).single();
	}

	private HttpResponse<String> create(StaffClient client) {
		return client.postJson(StaffAccountController.ACCOUNTS,
				Map.of("userId", Staffing.uniqueUserId("made"), "roles", List.of("AUDITOR")));
	}

	private HttpResponse<String> grant(StaffClient client, String role) {
		return client.putJson(StaffAccountController.ACCOUNTS + "/" + this.colleague.staffId() + "/roles",
				Map.of("roles", List.of(role)));
	}

	private static void assertRefused(HttpResponse<String> response, String problem) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		assertThat(response.body()).contains("urn:mamori:problem:" + problem);
	}

}
