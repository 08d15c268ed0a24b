package jp.mamori.identity.signin;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jp.mamori.identity.IdentitySecurityEvents;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.account.CustomerEmails;
import jp.mamori.identity.credentials.AccountLockout;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.OneTimeCodes;
import jp.mamori.identity.credentials.SignInResult;
import jp.mamori.identity.credentials.SourceThrottle;
import jp.mamori.identity.factors.SecondFactor;
import jp.mamori.identity.session.SignInHistory;
import jp.mamori.platform.SecurityEvents;

import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * Passwordless sign-in: a 6-digit code mailed to the account's confirmed address.
 *
 * <p>Security decisions:
 * <ul>
 * <li>A code is a low-assurance factor: whoever reads the mailbox can sign in. It is valid for
 * {@link #VALIDITY}, works once, allows {@link #TRIES_PER_CODE} wrong tries, and is stored only as a
 * salted hash.</li>
 * <li>Wrong codes also count against the account, whatever code they were aimed at: after
 * {@link #FAILURE_BUDGET} within {@link #FAILURE_WINDOW} the e-mail path is closed until that window
 * ends. Asking for a new code does not reset this count, so requesting codes buys no extra guesses:
 * at most 15 guesses of one in a million per account per day.</li>
 * <li>Asking for a code gets one answer whether the account exists or not; only the owner's mailbox
 * learns the difference. Every request, and every failed verification, counts against the source
 * address like a failed sign-in, so one address can neither guess nor flood mailboxes quickly.</li>
 * <li>This path does not consult the password lockout, and a success ends it: an attacker who fails
 * passwords on purpose cannot keep the owner out.</li>
 * <li>Neither the code nor the identifier is logged or put into an event.</li>
 * <li>A code is one factor: for an account with a second factor a right code answers
 * {@link SignInResult.SecondFactorRequired}, like a right password.</li>
 * <li>Every verification against an existing account goes into its {@link SignInHistory}; a refusal
 * writes its counters, history and event in one transaction.</li>
 * </ul>
 */
public final class EmailCodeSignIn {

	static final Duration VALIDITY = Duration.ofMinutes(10);

	static final int TRIES_PER_CODE = 5;

	static final int FAILURE_BUDGET = 15;

	static final Duration FAILURE_WINDOW = Duration.ofHours(24);

	/** The method named in events and in the sign-in notice. */
	public static final String METHOD = "email_code";

	private static final SecureRandom random = new SecureRandom();

	private final SignInRefusals refusals;

	private final CustomerEmails emails;

	private final EmailCodeStore store;

	private final EmailCodeMails mails;

	private final AccountLockout lockout;

	private final SourceThrottle throttle;

	private final SecurityEvents events;

	private final TransactionOperations transactions;

	private final Clock clock;

	private final SecondFactor secondFactor;

	private final SignInHistory history;

	private final OneTimeCodes codes;

	EmailCodeSignIn(CustomerEmails emails, EmailCodeStore store, EmailCodeMails mails, AccountLockout lockout,
			SourceThrottle throttle, SecurityEvents events, TransactionOperations transactions, Clock clock,
			SecondFactor secondFactor, SignInHistory history, OneTimeCodes codes) {
		Assert.notNull(codes, "codes cannot be null");
		this.codes = codes;
		Assert.notNull(emails, "emails cannot be null");
		Assert.notNull(store, "store cannot be null");
		Assert.notNull(mails, "mails cannot be null");
		Assert.notNull(lockout, "lockout cannot be null");
		Assert.notNull(throttle, "throttle cannot be null");
		Assert.notNull(events, "events cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.emails = emails;
		this.store = store;
		this.mails = mails;
		this.lockout = lockout;
		this.throttle = throttle;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
		Assert.notNull(secondFactor, "secondFactor cannot be null");
		Assert.notNull(history, "history cannot be null");
		this.secondFactor = secondFactor;
		this.history = history;
		this.refusals = new SignInRefusals(SignInHistory.Method.EMAIL_CODE, throttle, history, events, transactions);
	}

	/**
	 * Mail a new code to the account named by {@code identifier}, if there is one with a confirmed
	 * address and its e-mail path is open.
	 * @return how long the source must wait first, or empty when the request was taken (whatever it found)
	 */
	Optional<Duration> request(String identifier, ClientSource source, Locale locale) {
		Assert.notNull(source, "source cannot be null");
		var wait = this.throttle.retryAfter(source);
		if (wait.isPresent()) {
			return wait;
		}
		// Counted before anything is looked up, so the count cannot depend on the account.
		this.throttle.recordFailure(source);
		Optional<CustomerId> account = this.emails.find(identifier);
		if (account.isEmpty()) {
			return Optional.empty();
		}
		var address = this.emails.confirmed(account.get(), "identity.email-code");
		if (address.isEmpty()) {
			return Optional.empty();
		}
		String code = String.format("%06d", random.nextInt(1_000_000));
		boolean issued = Boolean.TRUE.equals(this.transactions.execute((tx) -> {
			Instant now = this.clock.instant();
			EmailCodeStore.State state = this.store.lock(account.get());
			if (budgetSpent(state, now)) {
				// Mailing a code that cannot be used would only feed a mailbox flood.
				return false;
			}
			byte[] salt = new byte[16];
			random.nextBytes(salt);
			this.store.replaceCode(account.get(), salt, this.codes.hash(salt, account.get(), code), now.plus(VALIDITY));
			return true;
		}));
		Map<String, String> attributes = attributes(source, account.get());
		attributes.put("issued", Boolean.toString(issued));
		this.events.publish(IdentitySecurityEvents.EMAIL_CODE_REQUESTED, attributes);
		if (issued) {
			this.mails.code(address.get(), code, locale);
		}
		return Optional.empty();
	}

	/** Sign in with the code from the mail. */
	SignInResult verify(String identifier, String code, ClientSource source) {
		Assert.notNull(source, "source cannot be null");
		var wait = this.throttle.retryAfter(source);
		if (wait.isPresent()) {
			this.refusals.throttled(METHOD, source, null);
			return new SignInResult.RetryLater(wait.get());
		}
		Optional<CustomerId> found = this.emails.find(identifier);
		if (found.isEmpty()) {
			return this.refusals.refuse(METHOD, source, null, "unknown_account");
		}
		CustomerId account = found.get();
		String reason = this.transactions.execute((tx) -> check(account, normalise(code)));
		if (reason != null) {
			return this.refusals.refuse(METHOD, source, account, reason);
		}
		this.lockout.end(account, METHOD, source);
		if (this.secondFactor.required(account)) {
			this.transactions.executeWithoutResult((tx) -> {
				this.history.record(account, SignInHistory.Method.EMAIL_CODE,
						SignInHistory.Result.SECOND_FACTOR_REQUIRED, source);
				this.events.publish(IdentitySecurityEvents.LOGIN_EMAIL_CODE_VERIFIED, attributes(source, account));
			});
			return new SignInResult.SecondFactorRequired(account);
		}
		this.transactions.executeWithoutResult((tx) -> {
			this.history.record(account, SignInHistory.Method.EMAIL_CODE, SignInHistory.Result.SUCCEEDED, source);
			this.events.publish(IdentitySecurityEvents.LOGIN_SUCCEEDED, attributes(source, account));
		});
		return new SignInResult.SignedIn(account);
	}

	/** @return why the code is refused, or {@code null} when it is right (and now used up) */
	private String check(CustomerId account, String code) {
		Instant now = this.clock.instant();
		EmailCodeStore.State state = this.store.lock(account);
		if (budgetSpent(state, now)) {
			return "email_code_locked";
		}
		if (!state.hasCode()) {
			return "no_code";
		}
		if (!state.codeExpiresAt().isAfter(now) || state.codeAttempts() >= TRIES_PER_CODE) {
			this.store.clearCode(account);
			return "expired";
		}
		if (this.codes.matches(state.codeHash(), state.codeSalt(), account, code)) {
			this.store.clearCode(account);
			return null;
		}
		boolean newWindow = state.windowStartedAt() == null || !now.isBefore(state.windowStartedAt().plus(FAILURE_WINDOW));
		int failures = (newWindow ? 0 : state.failures()) + 1;
		this.store.countFailure(account, state.codeAttempts() + 1, failures, newWindow ? now : state.windowStartedAt());
		if (state.codeAttempts() + 1 >= TRIES_PER_CODE) {
			this.store.clearCode(account);
		}
		return "bad_code";
	}

	/** The account has used up its wrong codes for the current window. */
	private static boolean budgetSpent(EmailCodeStore.State state, Instant now) {
		return state.windowStartedAt() != null && state.failures() >= FAILURE_BUDGET
				&& now.isBefore(state.windowStartedAt().plus(FAILURE_WINDOW));
	}

	/** Full-width digits and stray spaces, as typed on a phone, are the same code. */
	private static String normalise(String code) {
		return (code != null) ? Normalizer.normalize(code, Normalizer.Form.NFKC).strip() : null;
	}

	private static Map<String, String> attributes(ClientSource source, CustomerId account) {
		return source.eventAttributes(METHOD, account, null);
	}

}
