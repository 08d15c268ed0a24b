package jp.mamori.staff.internal;

import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;
import jp.mamori.staff.StaffClient;
import jp.mamori.staff.Staffing;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Staff and customers hold separate sessions in separate cookies; neither opens the other side. */
@IdentityTest
class StaffSessionSeparationTests {

	static final String CUSTOMER_PASSWORD = "夕凪の港で白い帆がゆれる 2026";

	@Autowired
	Staffing staffing;

	@Autowired
	AccountFixture customers;

	@LocalServerPort
	int port;

	@Test
	void aCustomerSessionNeverAuthenticatesAStaffRequest() {
		String customerSession = signedInCustomer().cookie("__Host-MAMORI_SESSION").orElseThrow();
		StaffClient intruder = this.staffing.aBrowser();
		intruder.plantCookie("__Host-MAMORI_SESSION", customerSession);
		assertThat(intruder.get("/api/v1/staff/session").statusCode()).isEqualTo(401);
		assertThat(intruder.get("/api/v1/staff/accounts").statusCode()).isEqualTo(401);
		// Not even with the customer's session ID in the staff cookie.
		intruder.plantCookie("__Host-MAMORI_STAFF_SESSION", customerSession);
		assertThat(intruder.get("/api/v1/staff/session").statusCode()).isEqualTo(401);
		assertThat(intruder.get("/api/v1/staff/accounts").statusCode()).isEqualTo(401);
	}

	@Test
	void aStaffSessionNeverAuthenticatesACustomerRequest() {
		StaffClient staff = this.staffing.aSignedInStaffMember(StaffAccounts.ADMINISTRATOR);
		String staffSession = staff.cookie("__Host-MAMORI_STAFF_SESSION").orElseThrow();
		assertThat(staff.cookie("__Host-MAMORI_SESSION")).isEmpty();
		assertThat(staff.get("/api/v1/customer/session").statusCode()).isEqualTo(401);
		CustomerClient intruder = this.customers.aBrowser();
		assertThat(intruder.send(HttpRequest
			.newBuilder(URI.create("https://localhost:" + this.port + "/api/v1/customer/session"))
			.header("Cookie", "__Host-MAMORI_SESSION=" + staffSession)
			.GET()).statusCode()).isEqualTo(401);
		assertThat(staff.get("/api/v1/staff/session").statusCode()).isEqualTo(200);
	}

	@Test
	void aBrowserSignedInOnBothSidesHoldsTwoUnrelatedSessions() {
		StaffClient staff = this.staffing.aSignedInStaffMember("AUDITOR");
		CustomerClient customer = signedInCustomer();
		assertThat(staff.cookie("__Host-MAMORI_STAFF_SESSION")).isNotEqualTo(customer.cookie("__Host-MAMORI_SESSION"));
		assertThat(customer.session().statusCode()).isEqualTo(200);
		assertThat(customer.get("/api/v1/staff/session").statusCode()).isEqualTo(401);
	}

	private CustomerClient signedInCustomer() {
		String userId = this.customers.aCustomerWithPassword("sep-", CUSTOMER_PASSWORD).userId();
		return this.customers.signedIn(userId, CUSTOMER_PASSWORD);
	}

}
