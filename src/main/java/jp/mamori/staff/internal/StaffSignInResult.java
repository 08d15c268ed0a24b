package jp.mamori.staff.internal;

import jp.mamori.identity.credentials.SignInResult;
import jp.mamori.staff.StaffId;

/** How a step of a staff sign-in ended. */
public sealed interface StaffSignInResult {

	/** The password was right; the TOTP code must follow, or, without an authenticator, its enrolment. */
	record PasswordVerified(StaffId staff, boolean totpEnrolled) implements StaffSignInResult {
	}

	/** Both factors passed. */
	record SignedIn(StaffId staff) implements StaffSignInResult {
	}

	/**
	 * Refused, for whatever reason; one answer for all of them.
	 * @param staff the account the attempt was aimed at, if it exists: for the operation log only,
	 * never for the caller
	 * @param reason why, for the operation log and events
	 */
	record Refused(StaffId staff, String reason) implements StaffSignInResult {
	}

	/** The source must wait before trying again; nothing was checked. */
	record RetryLater(SignInResult.RetryLater delay) implements StaffSignInResult {
	}

}
