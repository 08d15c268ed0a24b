package jp.mamori.identity;

/**
 * Names of the security events identity publishes about customers. Each carries identifiers only (the
 * account's UUID, the method, a reason code, the source's address), never personal data. The lockout's
 * {@code auth.lockout.started} and {@code auth.lockout.ended} (and staff's {@code auth.staff.lockout.*}) are
 * named by {@code JdbcAccountLockout}.
 */
public final class IdentitySecurityEvents {

	/** A customer closed their account (their key is destroyed). */
	public static final String ACCOUNT_CLOSED = "auth.account.closed";

	/** A customer asked to change their e-mail address (a code went to the new one). */
	public static final String EMAIL_CHANGE_REQUESTED = "auth.email.change_requested";

	/** A customer's e-mail address changed. */
	public static final String EMAIL_CHANGED = "auth.email.changed";

	/** A sign-in code was asked for by e-mail. */
	public static final String EMAIL_CODE_REQUESTED = "auth.email_code.requested";

	/** An e-mail code was right and a second factor must follow. */
	public static final String LOGIN_EMAIL_CODE_VERIFIED = "auth.login.email_code_verified";

	/** A sign-in was refused (wrong password or code, unknown user ID, locked account): attributes name the method, the reason and the source. */
	public static final String LOGIN_FAILED = "auth.login.failed";

	/** A password was right and a second factor must follow. */
	public static final String LOGIN_PASSWORD_VERIFIED = "auth.login.password_verified";

	/** A customer signed in (the session is open). */
	public static final String LOGIN_SUCCEEDED = "auth.login.succeeded";

	/** A customer turned a second factor on (TOTP or a passkey). */
	public static final String MFA_ENROLLED = "auth.mfa.enrolled";

	/** A customer turned a second factor off. */
	public static final String MFA_REMOVED = "auth.mfa.removed";

	/** A customer changed their password. */
	public static final String PASSWORD_CHANGED = "auth.password.changed";

	/** A customer gave a wrong current password when changing it or closing the account. */
	public static final String PASSWORD_CHECK_FAILED = "auth.password.check_failed";

	/** A password reset token was wrong, used or expired. */
	public static final String PASSWORD_RESET_FAILED = "auth.password.reset_failed";

	/** An operator or a member of staff forced a customer to set a new password. */
	public static final String PASSWORD_RESET_FORCED = "auth.password.reset_forced";

	/** A password reset was asked for (whether or not the account exists, the same event). */
	public static final String PASSWORD_RESET_REQUESTED = "auth.password.reset_requested";

	/** A registration was confirmed and the account created. */
	public static final String REGISTRATION_CONFIRMED = "auth.registration.confirmed";

	/** A registration was started and its confirmation code mailed. */
	public static final String REGISTRATION_STARTED = "auth.registration.started";

	/** A customer's session ended by its idle or absolute timeout. */
	public static final String SESSION_EXPIRED = "auth.session.expired";

	/** A customer ended one of their sessions from the session list. */
	public static final String SESSION_REVOKED = "auth.session.revoked";

	/** An unlock link was wrong, used or expired. */
	public static final String UNLOCK_FAILED = "auth.unlock.failed";

	/** A mailed unlock link opened a locked account. */
	public static final String UNLOCK_SUCCEEDED = "auth.unlock.succeeded";

	private IdentitySecurityEvents() {
	}

}
