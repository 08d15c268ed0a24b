package jp.mamori.identity.api;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.Registering;
import jp.mamori.staff.StaffClient;
import jp.mamori.staff.Staffing;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session and CSRF cookies carry the {@code __Host-} prefix, so a browser accepts them only Secure,
 * for the whole host (Path=/) and never from a sibling domain (no Domain): a cookie planted by
 * another subdomain cannot fix a session or a CSRF token.
 */
@IdentityTest
class HostPrefixedCookieTests {

	@Autowired
	AccountFixture accounts;

	@Autowired
	Staffing staffing;

	@Test
	void everyCookieOfACustomerSignInIsHostPrefixed() {
		AccountFixture.Customer customer = this.accounts.aConfirmedCustomer("host");
		CustomerClient client = this.accounts.client();
		List<String> cookies = new ArrayList<>(client.get("/api/v1/customer/csrf").headers().allValues("Set-Cookie"));
		HttpResponse<String> signedIn = client.withCsrfToken()
			.signIn(customer.userId(), Registering.PASSWORD, CustomerSessionHttpTests.address());
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
		cookies.addAll(signedIn.headers().allValues("Set-Cookie"));
		assertHostPrefixed(cookies, "__Host-MAMORI_SESSION=", "__Host-XSRF-TOKEN=");
	}

	@Test
	void everyCookieOfAStaffSignInIsHostPrefixed() {
		Staffing.Member member = this.staffing.aStaffMemberWithTotp("AUDITOR");
		StaffClient client = this.staffing.client();
		List<String> cookies = new ArrayList<>(client.get("/api/v1/staff/csrf").headers().allValues("Set-Cookie"));
		HttpResponse<String> password = client.withCsrfToken().signIn(member.userId(), Staffing.PASSWORD);
		assertThat(password.statusCode()).as(password.body()).isEqualTo(200);
		cookies.addAll(password.headers().allValues("Set-Cookie"));
		HttpResponse<String> totp = client.postJson("/api/v1/staff/session/totp",
				Map.of("code", this.staffing.code(member.secret())));
		assertThat(totp.statusCode()).as(totp.body()).isEqualTo(200);
		cookies.addAll(totp.headers().allValues("Set-Cookie"));
		assertHostPrefixed(cookies, "__Host-MAMORI_STAFF_SESSION=", "__Host-STAFF-XSRF-TOKEN=");
	}

	private static void assertHostPrefixed(List<String> cookies, String... expected) {
		for (String name : expected) {
			assertThat(cookies).as("a cookie %s", name).anyMatch((cookie) -> cookie.startsWith(name));
		}
		assertThat(cookies).allSatisfy((cookie) -> {
			List<String> attributes = List.of(cookie.split(";\\s*"));
			assertThat(cookie).startsWith("__Host-");
			assertThat(attributes).as(cookie).anyMatch((attribute) -> attribute.equalsIgnoreCase("Secure"));
			assertThat(attributes).as(cookie).anyMatch((attribute) -> attribute.equalsIgnoreCase("Path=/"));
			assertThat(attributes).as(cookie).noneMatch((attribute) -> attribute.regionMatches(true, 0, "Domain", 0, 6));
		});
	}

}
