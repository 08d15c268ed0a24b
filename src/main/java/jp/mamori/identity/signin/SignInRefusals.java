package jp.mamori.identity.signin;

import jp.mamori.identity.IdentitySecurityEvents;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.SignInResult;
import jp.mamori.identity.credentials.SourceThrottle;
import jp.mamori.identity.session.SignInHistory;
import jp.mamori.platform.SecurityEvents;

import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * How every way in refuses an attempt: the failure counted against the source, the entry in the
 * account's {@link SignInHistory} and the {@code auth.login.failed} event, written in this order in one
 * transaction (joining the caller's, where the caller also counted the failure against the account).
 *
 * <p>Security decisions:
 * <ul>
 * <li>One transaction, one commit, whatever the reason: a wrong secret for an existing account costs the
 * same work and the same time as an unknown account or a lock, so timing tells none of them apart.</li>
 * <li>The history is written also without an account: it records nothing then, but does the same
 * work, so an unknown identifier costs the same round trips as a known one.</li>
 * <li>A throttled attempt is answered without counting: the source is already waiting. It goes into the
 * history only of an account the attempt had already named (a second step); an attempt that named none
 * looked nothing up.</li>
 * <li>The event carries the account's UUID when there is one, the reason and the source, never what
 * was typed.</li>
 * </ul>
 */
final class SignInRefusals {

	/** The event of every failed or refused attempt. */
	static final String FAILED = IdentitySecurityEvents.LOGIN_FAILED;

	private static final String THROTTLED = "throttled";

	private final SignInHistory.Method method;

	private final SourceThrottle throttle;

	private final SignInHistory history;

	private final SecurityEvents events;

	private final TransactionOperations transactions;

	/** @param method how the history names the attempts this way in refuses */
	SignInRefusals(SignInHistory.Method method, SourceThrottle throttle, SignInHistory history,
			SecurityEvents events, TransactionOperations transactions) {
		Assert.notNull(method, "method cannot be null");
		Assert.notNull(throttle, "throttle cannot be null");
		Assert.notNull(history, "history cannot be null");
		Assert.notNull(events, "events cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		this.method = method;
		this.throttle = throttle;
		this.history = history;
		this.events = events;
		this.transactions = transactions;
	}

	/**
	 * Refuse an attempt: count it against the source, record it and publish it, in one transaction.
	 * @param eventMethod how the event names the way in
	 * @param account the account the attempt named, or {@code null}
	 * @param reason why, as {@link SignInHistory.Result#ofRefusal} reads it
	 */
	SignInResult refuse(String eventMethod, ClientSource source, CustomerId account, String reason) {
		return this.transactions.execute((tx) -> {
			this.throttle.recordFailure(source);
			this.history.record(account, this.method, SignInHistory.Result.ofRefusal(reason), source);
			failed(eventMethod, source, account, reason);
			return new SignInResult.Refused();
		});
	}

	/**
	 * Answer a throttled source: the event alone, or, for an account the attempt already named, its
	 * history entry and the event in one transaction.
	 */
	void throttled(String eventMethod, ClientSource source, CustomerId account) {
		if (account == null) {
			failed(eventMethod, source, null, THROTTLED);
			return;
		}
		this.transactions.executeWithoutResult((tx) -> {
			this.history.record(account, this.method, SignInHistory.Result.THROTTLED, source);
			failed(eventMethod, source, account, THROTTLED);
		});
	}

	/** Publish a failed attempt that is not a refusal of its own (e.g. a right password that must be reset). */
	void failed(String eventMethod, ClientSource source, CustomerId account, String reason) {
		this.events.publish(FAILED, source.eventAttributes(eventMethod, account, reason));
	}

}
