package jp.mamori.identity.signin;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.InFlightSignIns;
import jp.mamori.identity.credentials.JdbcAccountLockout;
import jp.mamori.identity.credentials.JdbcSourceThrottle;
import jp.mamori.identity.credentials.SourceThrottle;
import jp.mamori.identity.factors.SecondFactors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * The one read a password sign-in makes before the hash: the source's standing with the throttle and
 * the account, its flags, whether a second factor must follow and its lockout state, in one statement,
 * so that a sign-in costs one round trip before the hash instead of five. The same statement counts
 * the attempt as in flight ({@link InFlightSignIns}).
 */
public final class SignInReads {

	/**
	 * What a password sign-in needs to know of an account, read in one statement so that a sign-in
	 * costs one round trip before the hash instead of five. {@link #toString()} withholds the hash.
	 * @param passwordHash the hash, or {@code null} for a passwordless account
	 * @param passwordResetRequired whether an operator forced a new password
	 * @param secondFactor whether a confirmed TOTP authenticator or a passkey must follow the password
	 * @param lockoutPending whether the lockout counts anything for the account (failures, a doubling or
	 * a lock) that a right password must clear under the lockout's row lock
	 * @param lockedUntil the end of the account's lock as last written, possibly already past, or
	 * {@code null} when it has none; the lockout decides under its row lock whether it still holds
	 */
	record SignInCandidate(CustomerId id, String passwordHash, boolean passwordResetRequired, boolean secondFactor,
			boolean lockoutPending, Instant lockedUntil) {

		@Override
		public String toString() {
			return "SignInCandidate[id=" + this.id + ", passwordHash=(withheld), passwordResetRequired="
					+ this.passwordResetRequired + ", secondFactor=" + this.secondFactor + ", lockoutPending="
					+ this.lockoutPending + ", lockedUntil=" + this.lockedUntil + "]";
		}

	}

	/**
	 * What a password sign-in reads before the hash, in one round trip: the source's standing with the
	 * throttle, and the account if the user ID names one.
	 */
	record ForSignIn(SourceThrottle.Standing standing, InFlightSignIns.Admission admission,
			Optional<SignInCandidate> candidate) {
	}

	/**
	 * {@link #findForSignIn}'s statement: always one row, with the account's columns {@code null} when
	 * no account has the user ID. The standing is {@link JdbcSourceThrottle}'s, whether a second factor
	 * is required is {@link SecondFactors}'s rule, and whether the lockout has anything to check is
	 * {@link JdbcAccountLockout}'s.
	 */
	private static final String FIND_FOR_SIGN_IN = InFlightSignIns.ADMIT + """
				select %s, %s, a.id, a.password_hash, a.password_reset_required_at is not null, %s, %s, l.locked_until
				from (values (1)) as one
				left join identity_customer_account a on a.user_id_key = ?
				left join identity_account_lockout l on l.account_id = a.id""".formatted(JdbcSourceThrottle.STANDING,
			InFlightSignIns.ADMITTED,
			SecondFactors.requiredFor("a.id"), JdbcAccountLockout.pendingIn("l"));

	private final JdbcClient jdbc;

	private final InFlightSignIns inFlight;

	public SignInReads(JdbcClient jdbc, InFlightSignIns inFlight) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(inFlight, "inFlight cannot be null");
		this.jdbc = jdbc;
		this.inFlight = inFlight;
	}

	/**
	 * The source's standing with the throttle, and the account, its flags, whether a second factor must
	 * follow and its lockout state, in one statement. Nothing is locked: the lockout re-reads its row
	 * {@code for update} whenever the state read here says it matters (a lock, or counts a right password
	 * must clear). The same statement first counts the attempt as in flight for its network and user ID
	 * ({@link InFlightSignIns#ADMIT}), so the count costs no round trip of its own; whoever reads an
	 * admission must give it back ({@link InFlightSignIns#release}).
	 * @param standingParameters the values of the standing's parameters ({@link SourceThrottle#standingParameters})
	 */
	ForSignIn findForSignIn(String userIdKey, ClientSource source, Object[] standingParameters) {
		Object[] admit = this.inFlight.admitParameters(userIdKey, source);
		Object[] parameters = Arrays.copyOf(admit, admit.length + standingParameters.length + 1);
		System.arraycopy(standingParameters, 0, parameters, admit.length, standingParameters.length);
		parameters[parameters.length - 1] = userIdKey;
		return this.jdbc.sql(FIND_FOR_SIGN_IN)
			.params(parameters)
			.query((rs, row) -> {
				SourceThrottle.Standing standing = SourceThrottle.Standing.read(rs, 1);
				InFlightSignIns.Admission admission = this.inFlight.admission(userIdKey, source, rs.getBoolean(3),
						rs.getBoolean(4));
				UUID id = rs.getObject(5, UUID.class);
				return new ForSignIn(standing, admission, (id == null) ? Optional.empty()
						: Optional.of(new SignInCandidate(new CustomerId(id), rs.getString(6), rs.getBoolean(7),
								rs.getBoolean(8), rs.getBoolean(9),
								(rs.getTimestamp(10) != null) ? rs.getTimestamp(10).toInstant() : null)));
			})
			.single();
	}

	/** Give back what {@link #findForSignIn} counted, once the attempt's answer is decided and written. */
	void release(InFlightSignIns.Admission admission) {
		this.inFlight.release(admission);
	}

}
