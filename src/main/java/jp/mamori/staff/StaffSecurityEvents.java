package jp.mamori.staff;

/**
 * Names of the security events the staff module publishes about its members. Each carries identifiers
 * only (the member's UUID, a reason code, the source's address), never a password or a code.
 */
public final class StaffSecurityEvents {

	/** A staff sign-in step was refused. */
	public static final String LOGIN_FAILED = "auth.staff.login.failed";

	/** A member of staff's password was right; TOTP must follow. */
	public static final String LOGIN_PASSWORD_VERIFIED = "auth.staff.login.password_verified";

	/** A member of staff completed sign-in with the second factor. */
	public static final String LOGIN_SUCCEEDED = "auth.staff.login.succeeded";

	/** A member of staff set up their authenticator. */
	public static final String MFA_ENROLLED = "auth.staff.mfa.enrolled";

	/** A staff session ended by its idle or absolute timeout. */
	public static final String SESSION_EXPIRED = "auth.staff.session.expired";

	/** A member of staff chose their password with a setup token. */
	public static final String SETUP_COMPLETED = "auth.staff.setup.completed";

	/** A setup token was wrong, used or expired. */
	public static final String SETUP_FAILED = "auth.staff.setup.failed";

	/** An administrator created a member of staff and a setup token. */
	public static final String SETUP_TOKEN_ISSUED = "auth.staff.setup_token.issued";

	private StaffSecurityEvents() {
	}

}
