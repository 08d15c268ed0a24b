package jp.mamori.identity.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.credentials.IdentityProperties;
import jp.mamori.staff.StaffClient;
import jp.mamori.staff.Staffing;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader of the database (a replica, a backup, an injection) copies {@code session_id} out of
 * {@code spring_session} and sends it as the session cookie: it opens nothing, while the customer's own
 * cookie keeps working.
 */
@IdentityTest
class SessionDumpTests {

	private static final String PASSWORD = jp.mamori.identity.Registering.PASSWORD;

	@Autowired
	AccountFixture customers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	IdentityProperties properties;

	@Autowired
	Staffing staffing;

	@Test
	void aSessionIdReadFromTheTableSignsNobodyInWhileTheCookieDoes() {
		AccountFixture.PasswordCustomer customer = this.customers.aCustomerWithPassword("dump", PASSWORD);
		CustomerClient browser = this.customers.signedIn(customer.userId(), PASSWORD);
		String name = this.properties.session().customerCookie();
		String cookie = browser.cookie(name).orElseThrow();
		assertThat(this.customers.sessionWithCookie(name + "=" + cookie).statusCode()).isEqualTo(200);

		List<String> dumped = this.jdbc.sql("select session_id from spring_session where principal_name = ?")
			.param(customer.id().toString())
			.query(String.class)
			.list();
		assertThat(dumped).isNotEmpty();
		String id = new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
		assertThat(dumped).as("the table holds no session ID").doesNotContain(id);
		for (String stored : dumped) {
			String encoded = Base64.getEncoder().encodeToString(stored.strip().getBytes(StandardCharsets.UTF_8));
			for (String value : List.of(encoded, stored.strip())) {
				assertThat(this.customers.sessionWithCookie(name + "=" + value).statusCode())
					.as("the session cookie set to a dumped session_id").isEqualTo(401);
			}
		}
		assertThat(browser.session().statusCode()).as("the customer is still signed in").isEqualTo(200);
	}

	@Test
	void noSessionIdReadFromTheTableOpensAStaffSessionPastItsSecondFactor() {
		StaffClient staff = this.staffing.aSignedInStaffMember();
		String name = this.properties.session().staffCookie();
		assertThat(staff.get("/api/v1/staff/session").statusCode()).isEqualTo(200);
		List<String> dumped = this.jdbc.sql("select session_id from spring_session order by last_access_time desc limit 20")
			.query(String.class)
			.list();
		String id = new String(Base64.getDecoder().decode(staff.cookie(name).orElseThrow()), StandardCharsets.UTF_8);
		assertThat(dumped).as("the table holds no session ID").doesNotContain(id);
		for (String stored : dumped) {
			StaffClient intruder = this.staffing.aBrowser();
			intruder.plantCookie(name, Base64.getEncoder().encodeToString(stored.strip().getBytes(StandardCharsets.UTF_8)));
			assertThat(intruder.get("/api/v1/staff/session").statusCode()).as("a dumped session_id as the staff cookie")
				.isEqualTo(401);
		}
		assertThat(staff.get("/api/v1/staff/session").statusCode()).isEqualTo(200);
	}

}
