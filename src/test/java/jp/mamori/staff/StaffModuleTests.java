package jp.mamori.staff;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import jp.mamori.identity.IdentityTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Staff as other modules see it: {@link StaffId}, {@link Permission}, {@link StaffPermission} and
 * {@link CurrentStaff}, in the one identity context that staff's tests share.
 */
@IdentityTest
class StaffModuleTests {

	/** A staff handler that forgot its {@link StaffPermission}, kept among the test sources. */
	static final String UNDECLARED = "/api/v1/staff/test/undeclared";

	@Autowired
	Staffing staffing;

	@AfterEach
	void nobodySignedIn() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void anAnonymousRequestHasNoMemberOfStaff() {
		SecurityContextHolder.getContext()
			.setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
					AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
		assertThat(CurrentStaff.id()).isEmpty();
		assertThatIllegalStateException().isThrownBy(CurrentStaff::require);
	}

	@Test
	void aCustomersRequestHasNoMemberOfStaffEvenWithAStaffLookingName() {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(UUID.randomUUID().toString(), null,
					AuthorityUtils.createAuthorityList("ROLE_CUSTOMER")));
		assertThat(CurrentStaff.id()).isEmpty();
	}

	@Test
	void aStaffRequestNamesItsMember() {
		StaffId member = StaffId.random();
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(member.toString(), null,
					AuthorityUtils.createAuthorityList(CurrentStaff.AUTHORITY)));
		assertThat(CurrentStaff.id()).contains(member);
		assertThat(CurrentStaff.require()).isEqualTo(member);
	}

	@Test
	void aSignedInMemberIsNamedByTheirStaffIdOverHttp() {
		Staffing.Member member = this.staffing.aStaffMemberWithTotp("AUDITOR");
		StaffClient client = this.staffing.signedIn(member);
		assertThat(StaffId.parse(member.staffId()).toString()).isEqualTo(member.staffId());
		assertThat(client.get("/api/v1/staff/session").body()).contains(member.staffId());
	}

	@Test
	void everyPermissionHasACodeOfItsOwn() {
		List<String> authorities = Arrays.stream(Permission.values()).map(Permission::authority).toList();
		assertThat(authorities).doesNotHaveDuplicates()
			.allSatisfy((authority) -> assertThat(authority).startsWith("STAFF_PERMISSION_"));
		for (Permission permission : Permission.values()) {
			assertThat(permission.authority()).endsWith(permission.name());
		}
	}

	@Test
	void aHandlerWithoutAPermissionIsRefusedEvenToAnAdministrator() {
		StaffClient administrator = this.staffing.aSignedInStaffMember("ADMINISTRATOR");
		assertThat(administrator.get("/api/v1/staff/accounts").statusCode()).isEqualTo(200);
		assertThat(administrator.get(UNDECLARED).statusCode()).isEqualTo(403);
		assertThat(this.staffing.aBrowser().get(UNDECLARED).statusCode()).isEqualTo(401);
	}

}
