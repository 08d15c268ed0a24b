package jp.mamori.staff.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jp.mamori.identity.credentials.UserIds;
import jp.mamori.staff.StaffId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * What administrators do to staff accounts: create one (with a setup token for its member), give it
 * roles, disable it. Each change is one transaction.
 *
 * <p>Security decision: no change may leave Mamori without an enabled administrator, or nobody could
 * ever manage staff again without going to the database.
 */
public final class StaffAdministration {

	/** The built-in role that holds every permission. */
	public static final String ADMINISTRATOR = StaffAccounts.ADMINISTRATOR;

	/** Why a change was refused; {@link #code()} is the problem type the caller gets. */
	public enum Problem {

		NOT_FOUND("staff-not-found"),
		USER_ID_TAKEN("staff-user-id-taken"),
		UNKNOWN_ROLE("staff-role-unknown"),
		LAST_ADMINISTRATOR("staff-last-administrator");

		private final String code;

		Problem(String code) {
			this.code = code;
		}

		public String code() {
			return this.code;
		}

	}

	/** Shown once to the administrator, who hands the token to the new member. */
	public record Created(String staffId, String setupToken, Instant setupTokenExpiresAt) {

		@Override
		public String toString() {
			return "Created[" + this.staffId + ", (token withheld)]";
		}

	}

	public record Outcome<T>(T value, Problem problem) {

		static <T> Outcome<T> done(T value) {
			return new Outcome<>(value, null);
		}

		static <T> Outcome<T> refused(Problem problem) {
			return new Outcome<>(null, problem);
		}

	}

	private final StaffAccounts accounts;

	private final StaffSetup setup;

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final Clock clock;

	StaffAdministration(StaffAccounts accounts, StaffSetup setup, JdbcClient jdbc, TransactionOperations transactions,
			Clock clock) {
		Assert.notNull(accounts, "accounts cannot be null");
		Assert.notNull(setup, "setup cannot be null");
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.accounts = accounts;
		this.setup = setup;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** @throws jp.mamori.identity.InvalidUserIdException if the user ID cannot be one */
	public Outcome<Created> create(String userId, Set<String> roles) {
		String valid = UserIds.validate(userId);
		Instant now = this.clock.instant();
		return this.transactions.execute((status) -> {
			if (!this.accounts.roleNames().containsAll(roles)) {
				return Outcome.refused(Problem.UNKNOWN_ROLE);
			}
			StaffId staff = StaffId.random();
			if (!this.accounts.create(staff, valid, roles, now)) {
				return Outcome.refused(Problem.USER_ID_TAKEN);
			}
			String token = this.setup.issueFor(staff);
			return Outcome.done(new Created(staff.toString(), token,
					now.plus(StaffSetup.VALIDITY)));
		});
	}

	public Outcome<Void> assignRoles(StaffId staff, Set<String> roles) {
		return this.transactions.execute((status) -> {
			if (!this.accounts.roleNames().containsAll(roles)) {
				return Outcome.<Void>refused(Problem.UNKNOWN_ROLE);
			}
			if (!lockAccount(staff)) {
				return Outcome.refused(Problem.NOT_FOUND);
			}
			if (!roles.contains(StaffAccounts.ADMINISTRATOR) && !anotherAdministratorRemains(staff)) {
				return Outcome.refused(Problem.LAST_ADMINISTRATOR);
			}
			this.accounts.replaceRoles(staff, roles);
			return Outcome.done(null);
		});
	}

	public Outcome<Void> disable(StaffId staff) {
		return this.transactions.execute((status) -> {
			if (!lockAccount(staff)) {
				return Outcome.refused(Problem.NOT_FOUND);
			}
			if (!anotherAdministratorRemains(staff)) {
				return Outcome.refused(Problem.LAST_ADMINISTRATOR);
			}
			this.accounts.disable(staff, this.clock.instant());
			return Outcome.done(null);
		});
	}

	/** Locks every staff row: changes that could remove the last administrator run one at a time. */
	private boolean lockAccount(StaffId staff) {
		return this.jdbc.sql("select id from identity_staff_account order by id for update")
			.query(UUID.class)
			.list()
			.contains(staff.value());
	}

	/**
	 * @return whether an enabled administrator with a password other than {@code staff} exists, or
	 * {@code staff} is not such an administrator itself (then nothing it loses can matter)
	 */
	private boolean anotherAdministratorRemains(StaffId staff) {
		return this.jdbc.sql("""
				select not exists (select 1 from identity_staff_member_role r
				    join identity_staff_account a on a.id = r.staff_id
				    where r.role_name = ? and a.id = ? and a.disabled_at is null and a.password_hash is not null)
				or exists (select 1 from identity_staff_member_role r
				    join identity_staff_account a on a.id = r.staff_id
				    where r.role_name = ? and a.id <> ? and a.disabled_at is null and a.password_hash is not null)""")
			.params(StaffAccounts.ADMINISTRATOR, staff.value(), StaffAccounts.ADMINISTRATOR, staff.value())
			.query(Boolean.class)
			.single();
	}

}
