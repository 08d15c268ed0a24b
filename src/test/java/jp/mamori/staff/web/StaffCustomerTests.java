package jp.mamori.staff.web;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.Registering;
import jp.mamori.identity.account.CustomerFields;
import jp.mamori.identity.account.ForcedPasswordResets;
import jp.mamori.identity.account.StaffCustomers;
import jp.mamori.identity.api.CustomerSessionHttpTests;
import jp.mamori.staff.StaffClient;
import jp.mamori.staff.Staffing;
import jp.mamori.testing.MutableClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The staff API on customers' accounts: the masked view and forced password resets. */
@IdentityTest
class StaffCustomerTests {

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountFixture accounts;

	@Autowired
	Staffing staffing;

	Staffing.Member support;

	@BeforeEach
	void staffAndCustomers() {
		this.support = this.staffing.aStaffMemberWithTotp("CUSTOMER_SUPPORT");
	}

	@Test
	void aCustomerIsShownMaskedAndEveryFieldOpenedIsInTheOperationLogUnderTheStaffId() {
		AccountFixture.Customer customer = this.accounts.aConfirmedCustomer("viewed");
		StaffClient client = this.staffing.signedIn(this.support);
		HttpResponse<String> response = client.get(StaffCustomerController.CUSTOMERS + "/" + customer.id());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		Map<?, ?> view = CustomerClient.json.readValue(response.body(), Map.class);
		assertThat(view.get("customerId")).isEqualTo(customer.id());
		assertThat(view.get("userId")).isEqualTo(customer.userId());
		assertThat(view.get("createdAt")).isNotNull();
		assertThat(view.get("emailConfirmedAt")).isNotNull();
		assertThat(view.get("password")).isEqualTo(true);
		assertThat(view.get("passwordResetRequired")).isEqualTo(false);
		assertThat(view.get("factors")).isEqualTo(List.of());
		assertThat(((Map<?, ?>) view.get("lockout")).get("locked")).isEqualTo(false);
		assertThat(view.get("name")).isEqualTo("山** 様");
		assertThat(view.get("email")).isEqualTo("v***@example.jp");
		assertThat(response.body()).doesNotContain(customer.email()).doesNotContain("花子").doesNotContain("ヤマダ");
		assertThat(piiReads(customer)).containsExactlyInAnyOrder(CustomerFields.NAME, CustomerFields.EMAIL);
	}

	@Test
	void theViewShowsALockoutAndTheSecondFactorsPresent() {
		AccountFixture.Customer customer = this.accounts.aConfirmedCustomer("locked");
		UUID id = UUID.fromString(customer.id());
		this.jdbc.sql("""
				insert into identity_account_lockout (account_id, failures, last_failure_at, level, locked_until)
				values (?, 5, ?, 1, ?)""")
			.params(id, Timestamp.from(this.clock.instant()),
					Timestamp.from(this.clock.instant().plus(Duration.ofMinutes(15))))
			.update();
		this.jdbc.sql("insert into identity_customer_recovery_code (account_id, code_hash) values (?, ?)")
			.params(id, new byte[32])
			.update();
		StaffClient client = this.staffing.signedIn(this.support);
		Map<?, ?> view = CustomerClient.json
			.readValue(client.get(StaffCustomerController.CUSTOMERS + "/" + customer.id()).body(), Map.class);
		assertThat(view.get("factors")).isEqualTo(List.of("recovery_codes"));
		Map<?, ?> lockout = (Map<?, ?>) view.get("lockout");
		assertThat(lockout.get("locked")).isEqualTo(true);
		assertThat(lockout.get("failures")).isEqualTo(5);
		assertThat(lockout.get("lockedUntil")).isNotNull();

		// Once the lockout has run out it is shown as over, with the failures still counted.
		this.clock.advance(Duration.ofMinutes(16));
		StaffClient later = this.staffing.signedIn(this.support);
		lockout = (Map<?, ?>) CustomerClient.json
			.readValue(later.get(StaffCustomerController.CUSTOMERS + "/" + customer.id()).body(), Map.class)
			.get("lockout");
		assertThat(lockout.get("locked")).isEqualTo(false);
		assertThat(lockout.get("lockedUntil")).isNull();
	}

	@Test
	void anUnknownCustomerIsNotFoundInTheCallersLanguage() {
		StaffClient client = this.staffing.signedIn(this.support).language("ja");
		HttpResponse<String> response = client.get(StaffCustomerController.CUSTOMERS + "/" + UUID.randomUUID());
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).contains("urn:mamori:problem:staff-customer-not-found").contains("お客様が見つかりません");
		assertThat(client.get(StaffCustomerController.CUSTOMERS + "/not-a-uuid").statusCode()).isEqualTo(400);
	}

	@Test
	void aForcedResetEndsTheCustomersSessionsAndTheLogNamesTheStaffMember() {
		AccountFixture.Customer forced = this.accounts.aConfirmedCustomer("sforced");
		AccountFixture.Customer spared = this.accounts.aConfirmedCustomer("sspared");
		CustomerClient forcedSession = this.accounts.signedIn(forced.userId(), Registering.PASSWORD);
		CustomerClient sparedSession = this.accounts.signedIn(spared.userId(), Registering.PASSWORD);
		StaffClient client = this.staffing.signedIn(this.support);
		HttpResponse<String> response = client.postJson(StaffCustomerController.CUSTOMERS + "/password-reset",
				Map.of("customers", List.of(forced.id(), UUID.randomUUID().toString())));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).contains("\"scope\":\"customers\"").contains("\"requested\":2")
			.contains("\"accounts\":1");
		assertThat(forcedSession.session().statusCode()).isEqualTo(401);
		assertThat(sparedSession.session().statusCode()).isEqualTo(200);
		assertThat(this.jdbc.sql("""
				select count(*) from audit_entry where action = ? and actor_kind = 'STAFF' and actor_id = ?
				and details like ?""")
			.params(ForcedPasswordResets.ACTION, this.support.staffId(), "%\"staff_id\":\"" + this.support.staffId() + "\"%")
			.query(Long.class)
			.single()).isEqualTo(1);
		Map<?, ?> view = CustomerClient.json
			.readValue(client.get(StaffCustomerController.CUSTOMERS + "/" + forced.id()).body(), Map.class);
		assertThat(view.get("passwordResetRequired")).isEqualTo(true);
		HttpResponse<String> signIn = this.accounts.client()
			.signIn(forced.userId(), Registering.PASSWORD, CustomerSessionHttpTests.address());
		assertThat(signIn.body()).contains("urn:mamori:problem:password-reset-required");
	}

	@Test
	void allCustomersCanBeForcedAtOnce() {
		AccountFixture.Customer customer = this.accounts.aConfirmedCustomer("sall");
		// Every customer at once is a privileged operation (StaffPrivilegedOperationsTests); an administrator
		// who has just signed in has given the second factor within the last five minutes.
		StaffClient client = this.staffing.aSignedInStaffMember("ADMINISTRATOR");
		try {
			HttpResponse<String> response = client.postJson(StaffCustomerController.CUSTOMERS + "/password-reset",
					Map.of("all", true));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(response.body()).contains("\"scope\":\"all\"");
			assertThat(this.jdbc.sql("select count(*) from identity_customer_account where password_reset_required_at is null")
				.query(Long.class)
				.single()).isZero();
			assertThat(this.accounts.client()
				.signIn(customer.userId(), Registering.PASSWORD, CustomerSessionHttpTests.address())
				.statusCode()).isEqualTo(403);
		}
		finally {
			// Other tests share this database.
			this.jdbc.sql("update identity_customer_account set password_reset_required_at = null").update();
		}
	}

	@Test
	void aRequestThatDoesNotSayWhomToResetIsRefusedAndChangesNothing() {
		AccountFixture.Customer customer = this.accounts.aConfirmedCustomer("sunsure");
		StaffClient client = this.staffing.signedIn(this.support).language("ja");
		String path = StaffCustomerController.CUSTOMERS + "/password-reset";
		for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of(), Map.of("customers", List.of()),
				Map.of("all", false), Map.of("all", true, "customers", List.of(customer.id())))) {
			HttpResponse<String> response = client.postJson(path, body);
			assertThat(response.statusCode()).as("%s", body).isEqualTo(400);
			assertThat(response.body()).contains("urn:mamori:problem:staff-force-reset-scope")
				.contains("対象のお客様を指定してください");
		}
		HttpResponse<String> malformed = client.postJson(path, Map.of("customers", List.of("not-a-uuid")));
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.body()).doesNotContain("Exception");
		assertThat(this.jdbc.sql("select password_reset_required_at is null from identity_customer_account where id = ?")
			.param(UUID.fromString(customer.id()))
			.query(Boolean.class)
			.single()).isTrue();
	}

	@Test
	void aMemberWithoutTheCustomerPermissionsIsRefusedAndReadsNothing() {
		AccountFixture.Customer customer = this.accounts.aConfirmedCustomer("sguarded");
		StaffClient auditor = this.staffing.aSignedInStaffMember("AUDITOR");
		assertThat(auditor.get(StaffCustomerController.CUSTOMERS + "/" + customer.id()).statusCode()).isEqualTo(403);
		assertThat(auditor.postJson(StaffCustomerController.CUSTOMERS + "/password-reset",
				Map.of("customers", List.of(customer.id()))).statusCode()).isEqualTo(403);
		assertThat(piiReads(customer)).isEmpty();
	}

	private List<String> piiReads(AccountFixture.Customer customer) {
		return this.jdbc.sql("""
				select details from audit_entry where action = 'pii.read' and actor_kind = 'STAFF' and subject = ?
				and purpose = ? and actor_id = ?""")
			.params("customer:" + customer.id(), StaffCustomers.PURPOSE, this.support.staffId())
			.query(String.class)
			.list()
			.stream()
			.map((details) -> (String) CustomerClient.json.readValue(details, Map.class).get("field"))
			.toList();
	}

}
