package jp.mamori.staff.internal;

import java.util.HashMap;
import java.util.Map;

import jp.mamori.staff.StaffSecurityEvents;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.JdbcAccountLockout;
import jp.mamori.identity.credentials.PasswordHasher;
import jp.mamori.identity.credentials.SignInResult;
import jp.mamori.identity.credentials.SourceThrottle;
import jp.mamori.identity.credentials.TotpCodes;
import jp.mamori.identity.credentials.UserIds;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.staff.StaffId;

import org.springframework.util.Assert;

/**
 * Signs a member of staff in: user ID and password, then a TOTP code. It follows the customers' rules
 * with the customers' parts ({@link SourceThrottle}, the lockout, {@link PasswordHasher},
 * {@link TotpCodes}) but never their tables.
 *
 * <p>Security decisions:
 * <ul>
 * <li>A password alone never signs staff in. An account without an authenticator gets only as far as
 * enrolling one, and must then sign in again with both factors.</li>
 * <li>As for customers: a throttled source is answered before any look-up; unknown, disabled and
 * locked accounts cost one dummy Argon2 verification and give the same refusal as a wrong password;
 * wrong passwords and wrong codes both count towards the account's lockout, reset only when both
 * factors pass.</li>
 * <li>Events are {@code auth.staff.*} and name the account as {@code staff_id}, never
 * {@code account_id}, so no consumer can mistake a staff member for a customer.</li>
 * </ul>
 */
public final class StaffSignIn {

	private final StaffAccounts accounts;

	private final StaffTotp totp;

	private final PasswordHasher hasher;

	private final JdbcAccountLockout lockout;

	private final SourceThrottle throttle;

	private final SecurityEvents events;

	StaffSignIn(StaffAccounts accounts, StaffTotp totp, PasswordHasher hasher, JdbcAccountLockout lockout,
			SourceThrottle throttle, SecurityEvents events) {
		Assert.notNull(accounts, "accounts cannot be null");
		Assert.notNull(totp, "totp cannot be null");
		Assert.notNull(hasher, "hasher cannot be null");
		Assert.notNull(lockout, "lockout cannot be null");
		Assert.notNull(throttle, "throttle cannot be null");
		Assert.notNull(events, "events cannot be null");
		this.accounts = accounts;
		this.totp = totp;
		this.hasher = hasher;
		this.lockout = lockout;
		this.throttle = throttle;
		this.events = events;
	}

	public StaffSignInResult password(String userId, String password, ClientSource source) {
		var wait = this.throttle.retryAfter(source);
		if (wait.isPresent()) {
			this.events.publish(StaffSecurityEvents.LOGIN_FAILED, attributes("password", source, null, "throttled"));
			return new StaffSignInResult.RetryLater(new SignInResult.RetryLater(wait.get()));
		}
		var credentials = this.accounts.findByUserIdKey(UserIds.key(userId)).orElse(null);
		String refusal = refusalBeforeChecking(credentials);
		StaffId staff = (credentials != null) ? credentials.id() : null;
		if (refusal != null) {
			this.hasher.verifyDummy(password);
			return refused("password", source, staff, refusal);
		}
		if (!this.hasher.verify(password, credentials.passwordHash())) {
			this.lockout.recordFailure(staff.value(), source);
			return refused("password", source, staff, "bad_password");
		}
		if (this.hasher.needsRehash(credentials.passwordHash())) {
			this.accounts.setPassword(staff, this.hasher.hash(password));
		}
		Map<String, String> attributes = attributes("password", source, staff, null);
		attributes.put("totp_enrolled", Boolean.toString(credentials.totpEnrolled()));
		this.events.publish(StaffSecurityEvents.LOGIN_PASSWORD_VERIFIED, attributes);
		return new StaffSignInResult.PasswordVerified(staff, credentials.totpEnrolled());
	}

	/** The second step, for the account whose password this session verified. */
	public StaffSignInResult totp(StaffId staff, String code, ClientSource source) {
		var wait = this.throttle.retryAfter(source);
		if (wait.isPresent()) {
			this.events.publish(StaffSecurityEvents.LOGIN_FAILED, attributes("totp", source, staff, "throttled"));
			return new StaffSignInResult.RetryLater(new SignInResult.RetryLater(wait.get()));
		}
		if (this.lockout.lockedUntil(staff.value()).isPresent()) {
			return refused("totp", source, staff, "locked");
		}
		if (!this.accounts.active(staff)) {
			return refused("totp", source, staff, "disabled");
		}
		if (!this.totp.verify(staff, code)) {
			this.lockout.recordFailure(staff.value(), source);
			return refused("totp", source, staff, "bad_code");
		}
		if (!this.lockout.recordSuccess(staff.value())) {
			return refused("totp", source, staff, "locked");
		}
		this.events.publish(StaffSecurityEvents.LOGIN_SUCCEEDED, attributes("password+totp", source, staff, null));
		return new StaffSignInResult.SignedIn(staff);
	}

	/** @return why the password is not even checked, or {@code null} if it is to be checked */
	private String refusalBeforeChecking(StaffAccounts.Credentials credentials) {
		if (credentials == null) {
			return "unknown_account";
		}
		if (credentials.passwordHash() == null) {
			return "no_password";
		}
		if (credentials.disabled()) {
			return "disabled";
		}
		return this.lockout.lockedUntil(credentials.id().value()).isPresent() ? "locked" : null;
	}

	private StaffSignInResult refused(String method, ClientSource source, StaffId staff, String reason) {
		this.throttle.recordFailure(source);
		this.events.publish(StaffSecurityEvents.LOGIN_FAILED, attributes(method, source, staff, reason));
		return new StaffSignInResult.Refused(staff, reason);
	}

	private static Map<String, String> attributes(String method, ClientSource source, StaffId staff, String reason) {
		Map<String, String> attributes = new HashMap<>();
		attributes.put("method", method);
		attributes.put("source_address", source.addressText());
		attributes.put("user_agent", source.userAgent());
		if (staff != null) {
			attributes.put("staff_id", staff.toString());
		}
		if (reason != null) {
			attributes.put("reason", reason);
		}
		return attributes;
	}

}
