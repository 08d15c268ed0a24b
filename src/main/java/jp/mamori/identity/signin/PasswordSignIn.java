package jp.mamori.identity.signin;

import java.time.Duration;
import java.util.Map;

import jp.mamori.identity.IdentitySecurityEvents;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.account.CustomerAccountRepository;
import jp.mamori.identity.botcheck.BotCheckRefusedException;
import jp.mamori.identity.credentials.AccountLockout;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.PasswordHasher;
import jp.mamori.identity.credentials.SignInResult;
import jp.mamori.identity.credentials.SourceThrottle;
import jp.mamori.identity.credentials.UserIds;
import jp.mamori.identity.session.SignInHistory;
import jp.mamori.platform.SecurityEvents;

import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * Signs a customer in with user ID and password.
 *
 * <p>Security decisions:
 * <ul>
 * <li>The source's standing with the throttle and the account are read in one statement, before
 * anything else. A source that must solve the bot check ({@link BotCheckGate}) and has not, or that is
 * throttled, is answered from that read alone, before anything is hashed or written: the answer
 * depends on the source only, so it reveals nothing about accounts, and an attacker's extra tries cost
 * no CPU.</li>
 * <li>Unknown user IDs, locked accounts and wrong passwords cost one Argon2 verification each (a dummy
 * one where there is no hash to check or checking is not allowed) and give one {@link SignInResult.Refused}:
 * same answer, same time.</li>
 * <li>Every failure counts against the source; only a wrong password for an existing, unlocked account
 * counts against the account, so attempts during a lockout cannot prolong it.</li>
 * <li>A right password during a lockout is refused too, and is not even checked.</li>
 * <li>The account, its flags, its second factors and its lockout state are read in one statement
 * before the hash, without locks. A lock read there is checked again under the lockout's row lock, and
 * so is every right password, after its hash, in the transaction that records it: a lock that starts
 * while the password is hashed (a parallel burst reaching the threshold) still refuses it.</li>
 * <li>The same statement counts the attempt as in flight for its user ID and its network
 * ({@link jp.mamori.identity.credentials.InFlightSignIns}); an attempt over either cap is answered
 * {@link SignInResult.RetryLater} without a hash, so a burst gets at most the cap evaluated at once and
 * no more guesses than the threshold plus the cap. The count is given back once the attempt's failure
 * or success is written.</li>
 * <li>For an account with a second factor a right password signs nobody in; it answers
 * {@link SignInResult.SecondFactorRequired} and leaves the account's failure count alone, so that
 * someone who knows the password cannot reset the lockout between guesses at the second factor.</li>
 * <li>A right password for an account whose reset an operator forced opens nothing and answers
 * {@link SignInResult.PasswordResetRequired}; a wrong one is refused like any other.</li>
 * <li>Events carry the account's UUID when there is one, never the typed user ID or the password.</li>
 * <li>Every attempt against an existing account goes into its {@link SignInHistory}, within the
 * refusal's one transaction: no commit of its own, so an existing account's refusal costs as many
 * commits as an unknown one's. A throttled attempt looks nothing up, so it is in nobody's history.</li>
 * <li>A successful sign-in's history entry, its event and the session it opens are committed together,
 * in one transaction: there is no session without its record, and no recorded sign-in whose session
 * was lost.</li>
 * </ul>
 */
public final class PasswordSignIn {

	/** The method named in events, in the sign-in history and in the sign-in notice. */
	static final String METHOD = "password";

	/** How long a caller over the in-flight caps is asked to wait: one hash's time, rounded up. */
	private static final Duration BUSY_RETRY = Duration.ofSeconds(1);

	private final SignInRefusals refusals;

	private final SignInReads reads;

	private final CustomerAccountRepository accounts;

	private final PasswordHasher hasher;

	private final AccountLockout lockout;

	private final SourceThrottle throttle;

	private final SecurityEvents events;

	private final TransactionOperations transactions;

	private final SignInHistory history;

	public PasswordSignIn(SignInReads reads, CustomerAccountRepository accounts, PasswordHasher hasher,
			AccountLockout lockout, SourceThrottle throttle, SecurityEvents events) {
		this(reads, accounts, hasher, lockout, throttle, events, TransactionOperations.withoutTransaction(),
				SignInHistory.NONE);
	}

	/**
	 * @param transactions every refusal writes its counters and its event in one transaction, so that a
	 * wrong password for an existing account costs the same number of commits (and the same time) as one
	 * for an unknown or locked account
	 */
	public PasswordSignIn(SignInReads reads, CustomerAccountRepository accounts, PasswordHasher hasher,
			AccountLockout lockout, SourceThrottle throttle, SecurityEvents events, TransactionOperations transactions,
			SignInHistory history) {
		Assert.notNull(reads, "reads cannot be null");
		Assert.notNull(accounts, "accounts cannot be null");
		Assert.notNull(hasher, "hasher cannot be null");
		Assert.notNull(lockout, "lockout cannot be null");
		Assert.notNull(throttle, "throttle cannot be null");
		Assert.notNull(events, "events cannot be null");
		this.reads = reads;
		this.accounts = accounts;
		this.hasher = hasher;
		this.lockout = lockout;
		this.throttle = throttle;
		this.events = events;
		Assert.notNull(transactions, "transactions cannot be null");
		this.transactions = transactions;
		Assert.notNull(history, "history cannot be null");
		this.history = history;
		this.refusals = new SignInRefusals(SignInHistory.Method.PASSWORD, throttle, history, events, transactions);
	}

	public SignInResult signIn(String userId, String password, ClientSource source) {
		return signIn(userId, password, source, Opening.NONE, BotCheckGate.NONE);
	}

	/**
	 * @param opening what to do, within the transaction that records a successful sign-in, once the
	 * customer is in: open the session, so that the record and the session are committed together
	 * @param botCheck whether the sign-in may go on, given the failures counted against its address
	 * @throws BotCheckRefusedException if it may not; nothing was hashed, counted or written
	 */
	public SignInResult signIn(String userId, String password, ClientSource source, Opening opening,
			BotCheckGate botCheck) {
		Assert.notNull(userId, "userId cannot be null");
		Assert.notNull(password, "password cannot be null");
		Assert.notNull(source, "source cannot be null");
		Assert.notNull(opening, "opening cannot be null");
		Assert.notNull(botCheck, "botCheck cannot be null");
		var read = this.reads.findForSignIn(UserIds.key(userId), source, this.throttle.standingParameters(source));
		try {
			return evaluate(read, password, source, opening, botCheck);
		}
		finally {
			// After the failure was counted (or the success recorded), so the next attempt admitted sees it.
			this.reads.release(read.admission());
		}
	}

	private SignInResult evaluate(SignInReads.ForSignIn read, String password, ClientSource source, Opening opening,
			BotCheckGate botCheck) {
		if (!botCheck.passes(read.standing().recentFailures())) {
			throw new BotCheckRefusedException();
		}
		var wait = this.throttle.retryAfter(read.standing());
		if (wait.isPresent()) {
			this.refusals.throttled(METHOD, source, null);
			return new SignInResult.RetryLater(wait.get());
		}
		if (!read.admission().admitted()) {
			// Security decision: too many attempts for this user ID or network are being evaluated right
			// now. Answered without a hash and without a look at the account, alike for every user ID.
			this.refusals.throttled(METHOD, source, null);
			return new SignInResult.RetryLater(BUSY_RETRY);
		}
		var found = read.candidate();
		if (found.isEmpty()) {
			this.hasher.verifyDummy(password);
			return this.refusals.refuse(METHOD, source, null, "unknown_account");
		}
		SignInReads.SignInCandidate candidate = found.get();
		CustomerId account = candidate.id();
		String hash = candidate.passwordHash();
		// Only a lock that was written is looked at again, under the lockout's row lock: it may have
		// ended meanwhile, and one found expired is ended there.
		if (hash == null || (candidate.lockedUntil() != null && this.lockout.lockedUntil(account).isPresent())) {
			this.hasher.verifyDummy(password);
			return this.refusals.refuse(METHOD, source, account, (hash == null) ? "no_password" : "locked");
		}
		if (!this.hasher.verify(password, hash)) {
			return this.transactions.execute((status) -> {
				this.lockout.recordFailure(account, source);
				return this.refusals.refuse(METHOD, source, account, "bad_password");
			});
		}
		if (this.hasher.needsRehash(hash)) {
			// The cost was raised since this hash was made; now is the only time the password is at hand.
			// Before the transaction below, so that no row stays locked while a hash is computed.
			this.accounts.replaceHash(account, hash, this.hasher.hash(password));
		}
		return this.transactions.execute((status) -> rightPassword(candidate, source, opening));
	}

	/**
	 * A right password, within one transaction. Security decision: the lock is read again under the
	 * lockout's row lock, held until the commit, whatever the read before the hash said: a lock that
	 * started while the password was hashed (a parallel burst reached the threshold) refuses it, and
	 * neither a session nor the next step nor a forced reset tells the guesser the password was right.
	 */
	private SignInResult rightPassword(SignInReads.SignInCandidate candidate, ClientSource source, Opening opening) {
		CustomerId account = candidate.id();
		if (candidate.passwordResetRequired() || candidate.secondFactor()) {
			if (this.lockout.lockedUntil(account).isPresent()) {
				return this.refusals.refuse(METHOD, source, account, "locked");
			}
			if (candidate.passwordResetRequired()) {
				// Security decision: only after the password was verified, so the flag tells a guesser nothing.
				this.refusals.failed(METHOD, source, account, "password_reset_required");
				return new SignInResult.PasswordResetRequired(account);
			}
			this.history.record(account, SignInHistory.Method.PASSWORD, SignInHistory.Result.SECOND_FACTOR_REQUIRED,
					source);
			this.events.publish(IdentitySecurityEvents.LOGIN_PASSWORD_VERIFIED, attributes(source, account));
			return new SignInResult.SecondFactorRequired(account);
		}
		// One transaction, one commit: the lockout's check, the history entry (which is also the sign-in
		// notice waiting to be mailed), the event and the new session.
		if (!this.lockout.recordSuccess(account)) {
			return this.refusals.refuse(METHOD, source, account, "locked");
		}
		this.history.record(account, SignInHistory.Method.PASSWORD, SignInHistory.Result.SUCCEEDED, source);
		this.events.publish(IdentitySecurityEvents.LOGIN_SUCCEEDED, attributes(source, account));
		opening.open(account);
		return new SignInResult.SignedIn(account);
	}

	/** Whether a sign-in may go on without a solved bot check, or with the one it carries. */
	@FunctionalInterface
	interface BotCheckGate {

		/** No bot check: for sign-ins that are not requests of an anonymous caller. */
		BotCheckGate NONE = (recentFailures) -> true;

		/**
		 * @param recentFailures the failed sign-ins counted against the source's address
		 * @return whether the sign-in may go on
		 */
		boolean passes(int recentFailures);

	}

	/** What a successful sign-in does within the transaction that records it. */
	@FunctionalInterface
	interface Opening {

		/** Nothing: the caller opens the session itself, afterwards. */
		Opening NONE = (account) -> {
		};

		void open(CustomerId account);

	}

	private static Map<String, String> attributes(ClientSource source, CustomerId account) {
		return source.eventAttributes(METHOD, account, null);
	}

}
