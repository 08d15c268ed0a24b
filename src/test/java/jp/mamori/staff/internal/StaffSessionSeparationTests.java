package jp.mamori.staff.internal;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import jp.mamori.identity.CustomerAccounts;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.api.CustomerSessionHttpTests;
import jp.mamori.staff.StaffClient;
import jp.mamori.staff.Staffing;
import jp.mamori.testing.MutableClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Staff and customers hold separate sessions in separate cookies; neither opens the other side. */
@IdentityTest
class StaffSessionSeparationTests {

	static final String CUSTOMER_PASSWORD = "夕凪の港で白い帆がゆれる 2026";

	@LocalServerPort
	int port;

	@Value("${mamori.home}")
	Path home;

	@Autowired
	StaffAdministration administration;

	@Autowired
	CustomerAccounts customers;

	@Autowired
	MutableClock clock;

	@Test
	void aCustomerSessionNeverAuthenticatesAStaffRequest() {
		String customerSession = signedInCustomer().cookie("MAMORI_SESSION").orElseThrow();
		StaffClient intruder = new StaffClient(this.home, this.port);
		intruder.plantCookie("MAMORI_SESSION", customerSession);
		assertThat(intruder.get("/api/v1/staff/session").statusCode()).isEqualTo(401);
		assertThat(intruder.get("/api/v1/staff/accounts").statusCode()).isEqualTo(401);
		// Not even with the customer's session ID in the staff cookie.
		intruder.plantCookie("MAMORI_STAFF_SESSION", customerSession);
		assertThat(intruder.get("/api/v1/staff/session").statusCode()).isEqualTo(401);
		assertThat(intruder.get("/api/v1/staff/accounts").statusCode()).isEqualTo(401);
	}

	@Test
	void aStaffSessionNeverAuthenticatesACustomerRequest() {
		Staffing staffing = new Staffing(this.administration, this.clock, this.home, this.port);
		StaffClient staff = staffing.signedIn(staffing.member(Set.of(StaffAccounts.ADMINISTRATOR)));
		String staffSession = staff.cookie("MAMORI_STAFF_SESSION").orElseThrow();
		assertThat(staff.cookie("MAMORI_SESSION")).isEmpty();
		assertThat(staff.get("/api/v1/customer/session").statusCode()).isEqualTo(401);
		CustomerClient intruder = new CustomerClient(this.home, this.port);
		assertThat(intruder.send(HttpRequest
			.newBuilder(URI.create("https://localhost:" + this.port + "/api/v1/customer/session"))
			.header("Cookie", "MAMORI_SESSION=" + staffSession)
			.GET()).statusCode()).isEqualTo(401);
		assertThat(staff.get("/api/v1/staff/session").statusCode()).isEqualTo(200);
	}

	@Test
	void aBrowserSignedInOnBothSidesHoldsTwoUnrelatedSessions() {
		Staffing staffing = new Staffing(this.administration, this.clock, this.home, this.port);
		StaffClient staff = staffing.signedIn(staffing.member(Set.of("AUDITOR")));
		CustomerClient customer = signedInCustomer();
		assertThat(staff.cookie("MAMORI_STAFF_SESSION")).isNotEqualTo(customer.cookie("MAMORI_SESSION"));
		assertThat(customer.session().statusCode()).isEqualTo(200);
		assertThat(customer.get("/api/v1/staff/session").statusCode()).isEqualTo(401);
	}

	private CustomerClient signedInCustomer() {
		String userId = "sep-" + UUID.randomUUID().toString().substring(0, 8);
		this.customers.create(userId, CUSTOMER_PASSWORD);
		CustomerClient customer = new CustomerClient(this.home, this.port).withCsrfToken();
		assertThat(customer.signIn(userId, CUSTOMER_PASSWORD, CustomerSessionHttpTests.address()).statusCode())
			.isEqualTo(200);
		return customer;
	}

}
