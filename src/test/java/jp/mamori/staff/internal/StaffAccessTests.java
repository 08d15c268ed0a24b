package jp.mamori.staff.internal;

import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import jp.mamori.identity.IdentityTest;
import jp.mamori.staff.Permission;
import jp.mamori.staff.StaffClient;
import jp.mamori.staff.StaffPermission;
import jp.mamori.staff.Staffing;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/** Default deny (invariant 4): every staff endpoint names its permission, and nothing else gets through. */
@IdentityTest
class StaffAccessTests {

	/** One staff endpoint as a request: method, path with its variables filled in, the permission. */
	record Endpoint(String method, String path, Permission permission) {
	}

	@Autowired
	Staffing staffing;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlers;

	@Test
	void everyHandlerUnderTheStaffPathsDeclaresItsPermissionOrIsASignInStep() {
		List<String> undeclared = new ArrayList<>();
		int checked = 0;
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : this.handlers.getHandlerMethods().entrySet()) {
			if (entry.getKey().getPatternValues().stream().noneMatch(StaffAccessTests::isStaffPath)) {
				continue;
			}
			checked++;
			Method method = entry.getValue().getMethod();
			if (!method.isAnnotationPresent(StaffPermission.class) && !method.isAnnotationPresent(StaffSignInStep.class)) {
				undeclared.add(entry.getKey().getPatternValues().toString());
			}
		}
		assertThat(checked).isGreaterThanOrEqualTo(15);
		// The test-only probe is the one handler that forgot, and it is found.
		assertThat(undeclared).containsExactly("[" + StaffProbeController.UNDECLARED + "]");
	}

	@Test
	void everyStaffEndpointRefusesAnonymousCallersAndStaffWithoutItsPermissionAndServesStaffWithIt() {
		StaffClient anonymous = this.staffing.aBrowser();
		StaffClient nobody = this.staffing.aSignedInStaffMember();
		StaffClient administrator = this.staffing.aSignedInStaffMember(StaffAccounts.ADMINISTRATOR);
		List<Endpoint> endpoints = endpoints();
		assertThat(endpoints).extracting(Endpoint::permission).contains(Permission.STAFF_READ, Permission.STAFF_MANAGE,
				Permission.AUDIT_VERIFY, Permission.CUSTOMERS_READ, Permission.CUSTOMERS_FORCE_RESET);
		for (Endpoint endpoint : endpoints) {
			assertThat(call(anonymous, endpoint).statusCode()).as("anonymous %s", endpoint).isEqualTo(401);
			HttpResponse<String> refused = call(nobody, endpoint);
			assertThat(refused.statusCode()).as("without permission %s", endpoint).isEqualTo(403);
			assertThat(refused.body()).contains("urn:mamori:problem:staff-permission-missing");
			HttpResponse<String> served = call(administrator, endpoint);
			assertThat(served.statusCode()).as("with permission %s: %s", endpoint, served.body()).isNotIn(401, 403);
			assertThat(served.statusCode()).as("%s", endpoint).isLessThan(500);
		}
	}

	@Test
	void eachRoleReachesExactlyTheEndpointsOfItsPermissions() {
		StaffClient auditor = this.staffing.aSignedInStaffMember("AUDITOR");
		for (Endpoint endpoint : endpoints()) {
			boolean granted = Set.of(Permission.AUDIT_VERIFY, Permission.STAFF_READ).contains(endpoint.permission());
			int status = call(auditor, endpoint).statusCode();
			if (granted) {
				assertThat(status).as("auditor %s", endpoint).isNotIn(401, 403);
			}
			else {
				assertThat(status).as("auditor %s", endpoint).isEqualTo(403);
			}
		}
	}

	@Test
	void anUndeclaredEndpointIsDeniedEvenToAnAdministrator() {
		StaffClient administrator = this.staffing.aSignedInStaffMember(StaffAccounts.ADMINISTRATOR);
		HttpResponse<String> probe = administrator.get(StaffProbeController.UNDECLARED);
		assertThat(probe.statusCode()).isEqualTo(403);
		assertThat(probe.body()).doesNotContain("reached");
		assertThat(this.staffing.aBrowser().get(StaffProbeController.UNDECLARED).statusCode())
			.isEqualTo(401);
		// A path without any handler is denied as well, not answered 404.
		assertThat(administrator.get("/api/v1/staff/no-such-thing").statusCode()).isEqualTo(403);
	}

	private List<Endpoint> endpoints() {
		List<Endpoint> endpoints = new ArrayList<>();
		this.handlers.getHandlerMethods().forEach((info, handler) -> {
			StaffPermission permission = handler.getMethodAnnotation(StaffPermission.class);
			if (permission == null) {
				return;
			}
			for (String pattern : info.getPatternValues()) {
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					endpoints.add(new Endpoint(method.name(), pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString()),
							permission.value()));
				}
			}
		});
		return endpoints;
	}

	private static HttpResponse<String> call(StaffClient client, Endpoint endpoint) {
		return client.call(endpoint.method(), endpoint.path(), "{}");
	}

	private static boolean isStaffPath(String pattern) {
		return pattern.startsWith("/api/v1/staff") || pattern.startsWith("/console");
	}

}
