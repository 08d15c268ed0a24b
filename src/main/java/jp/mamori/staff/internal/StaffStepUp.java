package jp.mamori.staff.internal;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import jp.mamori.staff.CurrentStaff;
import jp.mamori.staff.Permission;
import jp.mamori.staff.StaffId;

import org.springframework.util.Assert;

/**
 * The second gate of privileged operations ({@link Permission#PRIVILEGED_OPERATIONS}): forcing a
 * password reset of every customer, creating staff accounts, granting the administrator role.
 *
 * <p>Security decisions: the handler's own permission (e.g. {@code STAFF_MANAGE}) is not enough; the
 * member must hold {@code PRIVILEGED_OPERATIONS}, read at this request like every permission, and must
 * have given the TOTP code within {@link StaffSessions#SECOND_FACTOR_FRESHNESS}. The refusal names
 * which of the two is missing, so the console can ask for a fresh code; it never performs the
 * operation half-way, since handlers ask before they change anything.
 */
public final class StaffStepUp {

	/** Why a privileged operation is refused; the names are the problem codes. */
	public enum Refusal {

		PERMISSION_MISSING("staff-permission-missing"), SECOND_FACTOR_STALE("staff-step-up-required");

		private final String code;

		Refusal(String code) {
			this.code = code;
		}

		public String code() {
			return this.code;
		}

	}

	private final StaffAccounts accounts;

	private final StaffSessions sessions;

	StaffStepUp(StaffAccounts accounts, StaffSessions sessions) {
		Assert.notNull(accounts, "accounts cannot be null");
		Assert.notNull(sessions, "sessions cannot be null");
		this.accounts = accounts;
		this.sessions = sessions;
	}

	/** @return why the signed-in member may not perform a privileged operation now, if they may not */
	public Optional<Refusal> refusal(HttpServletRequest request) {
		Optional<StaffId> staff = CurrentStaff.id();
		if (staff.isEmpty() || !this.accounts.permissions(staff.get()).contains(Permission.PRIVILEGED_OPERATIONS)) {
			return Optional.of(Refusal.PERMISSION_MISSING);
		}
		if (!this.sessions.secondFactorFresh(request)) {
			return Optional.of(Refusal.SECOND_FACTOR_STALE);
		}
		return Optional.empty();
	}

}
