package jp.mamori.staff;

/**
 * What a member of staff may do. Every staff endpoint names one of these with {@link StaffPermission};
 * roles grant them. The built-in {@code ADMINISTRATOR} role holds all of them, including any added
 * later.
 */
public enum Permission {

	/** See the staff accounts and their roles. */
	STAFF_READ,

	/** Create staff accounts, assign roles, disable accounts. */
	STAFF_MANAGE,

	/** Verify the operation log's integrity. */
	AUDIT_VERIFY,

	/** See customers' accounts (masked; raw personal data needs an approval). */
	CUSTOMERS_READ,

	/** Make a customer choose a new password at the next sign-in. */
	CUSTOMERS_FORCE_RESET,

	/**
	 * The operations that change who may do anything: forcing a password reset of every customer,
	 * creating staff accounts and granting the administrator role. Each needs, besides this permission,
	 * a second factor given within the last five minutes ({@code POST /api/v1/staff/session/step-up}),
	 * so a session left open, or taken over, cannot do them.
	 */
	PRIVILEGED_OPERATIONS;

	/** @return the authority a staff request holds when its staff member has this permission */
	String authority() {
		return "STAFF_PERMISSION_" + name();
	}

}
