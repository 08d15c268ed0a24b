package jp.mamori.identity.signin;

import java.util.Map;

import jp.mamori.identity.IdentitySecurityEvents;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.AccountLockout;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.SignInResult;
import jp.mamori.identity.credentials.SourceThrottle;
import jp.mamori.identity.factors.TotpFactor;
import jp.mamori.identity.session.SignInHistory;
import jp.mamori.platform.SecurityEvents;

import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * Completes a password sign-in with the account's TOTP code or one of its recovery codes.
 *
 * <p>Security decisions: a wrong code counts against the account exactly like a wrong password, so
 * the password's lockout also caps guessing codes; the account's failures are reset only here, once
 * both factors have passed (see {@link PasswordSignIn}). A locked account is refused without a look
 * at the code, and every refusal is the same answer as a wrong password. Every attempt goes into the
 * account's {@link SignInHistory}; a refusal writes its counters, history and event in one transaction.
 */
public final class TotpSignIn {

	public static final String TOTP_FACTOR = FactorGrantedAuthority.fromFactor("TOTP").getAuthority();

	static final String METHOD = "password+totp";

	private final SignInRefusals refusals;

	private final TotpFactor totp;

	private final AccountLockout lockout;

	private final SourceThrottle throttle;

	private final SecurityEvents events;

	private final TransactionOperations transactions;

	private final SignInHistory history;

	public TotpSignIn(TotpFactor totp, AccountLockout lockout, SourceThrottle throttle, SecurityEvents events,
			TransactionOperations transactions, SignInHistory history) {
		Assert.notNull(totp, "totp cannot be null");
		Assert.notNull(lockout, "lockout cannot be null");
		Assert.notNull(throttle, "throttle cannot be null");
		Assert.notNull(events, "events cannot be null");
		this.totp = totp;
		this.lockout = lockout;
		this.throttle = throttle;
		this.events = events;
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(history, "history cannot be null");
		this.transactions = transactions;
		this.history = history;
		// A wrong code cannot tell a TOTP code from a recovery code, so the history names every refusal totp.
		this.refusals = new SignInRefusals(SignInHistory.Method.TOTP, throttle, history, events, transactions);
	}

	SignInResult complete(CustomerId account, String code, ClientSource source) {
		var wait = this.throttle.retryAfter(source);
		if (wait.isPresent()) {
			this.refusals.throttled(METHOD, source, account);
			return new SignInResult.RetryLater(wait.get());
		}
		if (this.lockout.lockedUntil(account).isPresent()) {
			return this.refusals.refuse(METHOD, source, account, "locked");
		}
		TotpFactor.Verification verification = this.totp.verify(account, code);
		if (verification == TotpFactor.Verification.REFUSED) {
			return this.transactions.execute((tx) -> {
				this.lockout.recordFailure(account, source);
				return this.refusals.refuse(METHOD, source, account, "bad_code");
			});
		}
		if (!this.lockout.recordSuccess(account)) {
			return this.refusals.refuse(METHOD, source, account, "locked");
		}
		SignInHistory.Method method = (verification == TotpFactor.Verification.RECOVERY_CODE)
				? SignInHistory.Method.RECOVERY_CODE : SignInHistory.Method.TOTP;
		Map<String, String> attributes = attributes(source, account, null);
		attributes.put("factor", method.code());
		this.transactions.executeWithoutResult((tx) -> {
			this.history.record(account, method, SignInHistory.Result.SUCCEEDED, source);
			this.events.publish(IdentitySecurityEvents.LOGIN_SUCCEEDED, attributes);
		});
		return new SignInResult.SignedIn(account);
	}

	private static Map<String, String> attributes(ClientSource source, CustomerId account, String reason) {
		return source.eventAttributes(METHOD, account, reason);
	}

}
