package jp.mamori.staff.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jp.mamori.identity.credentials.UserIds;
import jp.mamori.staff.Permission;
import jp.mamori.staff.StaffId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * Staff accounts, their roles and what the roles permit, in PostgreSQL. Staff have tables of their
 * own: nothing here reads or writes a customer's row.
 */
public final class StaffAccounts {

	/** The built-in role that holds every {@link Permission}. */
	static final String ADMINISTRATOR = "ADMINISTRATOR";

	/** What a sign-in needs to know about an account. {@link #toString()} withholds the hash. */
	record Credentials(StaffId id, String passwordHash, boolean disabled, boolean totpEnrolled) {

		@Override
		public String toString() {
			return "Credentials[" + this.id + "]";
		}

	}

	/** A staff account as the staff list shows it. */
	public record Member(String staffId, String userId, List<String> roles, boolean disabled, boolean totpEnrolled,
			Instant createdAt) {
	}

	private final JdbcClient jdbc;

	StaffAccounts(JdbcClient jdbc) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		this.jdbc = jdbc;
	}

	/** @return whether any staff account exists, disabled or not */
	boolean any() {
		return this.jdbc.sql("select exists (select 1 from identity_staff_account)").query(Boolean.class).single();
	}

	Optional<Credentials> findByUserIdKey(String userIdKey) {
		return this.jdbc.sql("""
				select id, password_hash, disabled_at is not null, totp_confirmed_at is not null
				from identity_staff_account where user_id_key = ?""")
			.param(userIdKey)
			.query((rs, row) -> new Credentials(new StaffId(rs.getObject(1, UUID.class)), rs.getString(2),
					rs.getBoolean(3), rs.getBoolean(4)))
			.optional();
	}

	/** @return whether the account exists, has a password and is not disabled */
	boolean active(StaffId staff) {
		return this.jdbc.sql("""
				select exists (select 1 from identity_staff_account
				where id = ? and password_hash is not null and disabled_at is null)""")
			.param(staff.value())
			.query(Boolean.class)
			.single();
	}

	/** @return the account's user ID, if the account exists */
	public Optional<String> userId(StaffId staff) {
		return this.jdbc.sql("select user_id from identity_staff_account where id = ?")
			.param(staff.value())
			.query(String.class)
			.optional();
	}

	/**
	 * Create an account without a password; its member sets one with a setup token.
	 * @param userId already validated ({@link UserIds#validate})
	 * @return whether it was created; {@code false} if the user ID is taken
	 */
	boolean create(StaffId staff, String userId, Set<String> roles, Instant now) {
		int created = this.jdbc.sql("""
				insert into identity_staff_account (id, user_id, user_id_key, created_at) values (?, ?, ?, ?)
				on conflict (user_id_key) do nothing""")
			.params(staff.value(), userId, UserIds.key(userId), Timestamp.from(now))
			.update();
		if (created == 0) {
			return false;
		}
		replaceRoles(staff, roles);
		return true;
	}

	void setPassword(StaffId staff, String passwordHash) {
		this.jdbc.sql("update identity_staff_account set password_hash = ? where id = ?")
			.params(passwordHash, staff.value())
			.update();
	}

	/** @return the names of every role that exists */
	public Set<String> roleNames() {
		return new TreeSet<>(this.jdbc.sql("select name from identity_staff_role").query(String.class).list());
	}

	/** Give the account exactly these roles (all of which must exist). */
	void replaceRoles(StaffId staff, Set<String> roles) {
		Assert.isTrue(roleNames().containsAll(roles), "unknown role");
		this.jdbc.sql("delete from identity_staff_member_role where staff_id = ?").param(staff.value()).update();
		for (String role : roles) {
			this.jdbc.sql("insert into identity_staff_member_role (staff_id, role_name) values (?, ?)")
				.params(staff.value(), role)
				.update();
		}
	}

	/**
	 * Security decision: read afresh for every staff request, so that a role taken away or an account
	 * disabled counts from the next request on, not from the next sign-in.
	 * @return what the account may do now; nothing if it is disabled or does not exist
	 */
	public Set<Permission> permissions(StaffId staff) {
		List<String> roles = this.jdbc.sql("""
				select r.role_name from identity_staff_member_role r
				join identity_staff_account a on a.id = r.staff_id
				where r.staff_id = ? and a.disabled_at is null""")
			.param(staff.value())
			.query(String.class)
			.list();
		if (roles.contains(ADMINISTRATOR)) {
			return EnumSet.allOf(Permission.class);
		}
		Set<Permission> permissions = EnumSet.noneOf(Permission.class);
		if (roles.isEmpty()) {
			return permissions;
		}
		this.jdbc.sql("""
				select p.permission from identity_staff_role_permission p
				join identity_staff_member_role r on r.role_name = p.role_name where r.staff_id = ?""")
			.param(staff.value())
			.query(String.class)
			.list()
			.forEach((name) -> known(name).ifPresent(permissions::add));
		return permissions;
	}

	public List<Member> list() {
		List<Member> members = new ArrayList<>();
		this.jdbc.sql("""
				select a.id, a.user_id, a.disabled_at is not null, a.totp_confirmed_at is not null, a.created_at,
				       coalesce(string_agg(r.role_name, ',' order by r.role_name), '')
				from identity_staff_account a left join identity_staff_member_role r on r.staff_id = a.id
				group by a.id order by a.created_at, a.id""")
			.query((rs, row) -> new Member(rs.getString(1), rs.getString(2),
					rs.getString(6).isEmpty() ? List.of() : List.of(rs.getString(6).split(",")), rs.getBoolean(3),
					rs.getBoolean(4), rs.getTimestamp(5).toInstant()))
			.list()
			.forEach(members::add);
		return members;
	}

	/**
	 * Disable the account and end every session it has.
	 * @return whether the account exists
	 */
	boolean disable(StaffId staff, Instant now) {
		int found = this.jdbc.sql("update identity_staff_account set disabled_at = coalesce(disabled_at, ?) where id = ?")
			.params(Timestamp.from(now), staff.value())
			.update();
		// Spring Session names a staff session's principal by the staff UUID (see StaffSessions).
		this.jdbc.sql("delete from spring_session where principal_name = ?").param(staff.toString()).update();
		return found > 0;
	}

	/** A permission name stored by an older version may no longer exist in the code: it grants nothing. */
	private static Optional<Permission> known(String name) {
		try {
			return Optional.of(Permission.valueOf(name));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
