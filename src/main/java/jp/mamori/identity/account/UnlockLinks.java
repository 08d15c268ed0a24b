package jp.mamori.identity.account;

import java.util.Optional;

import jp.mamori.identity.IdentitySecurityEvents;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.AccountLockout;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.SourceThrottle;
import jp.mamori.platform.SecurityEvents;

import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * The single-use links that end a lockout, mailed to the owner when it starts ({@link LockoutMails}).
 *
 * <p>Security decisions:
 * <ul>
 * <li>A link works once, for a day, and is stored only as a hash ({@link UnlockTokens}); it is
 * spent in the statement that finds it, so two requests cannot both use it ({@link MailedTokens}).</li>
 * <li>A wrong, used or expired token counts against the source address like a failed sign-in, and a
 * throttled source is answered before anything is looked up, so tokens cannot be guessed quickly.</li>
 * <li>Ending the lockout does not sign anyone in: it only opens the password path again.</li>
 * </ul>
 */
public final class UnlockLinks {

	/** The reason named in {@code auth.lockout.ended}. */
	public static final String REASON = "unlock_link";

	private final UnlockTokens tokens;

	private final AccountLockout lockout;

	private final SourceThrottle throttle;

	private final SecurityEvents events;

	private final TransactionOperations transactions;

	public UnlockLinks(UnlockTokens tokens, AccountLockout lockout, SourceThrottle throttle, SecurityEvents events,
			TransactionOperations transactions) {
		Assert.notNull(tokens, "tokens cannot be null");
		Assert.notNull(lockout, "lockout cannot be null");
		Assert.notNull(throttle, "throttle cannot be null");
		Assert.notNull(events, "events cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		this.tokens = tokens;
		this.lockout = lockout;
		this.throttle = throttle;
		this.events = events;
		this.transactions = transactions;
	}

	/** End the lockout of the account whose link carries {@code token}. */
	public MailedTokens.Redemption redeem(String token, ClientSource source) {
		Assert.notNull(source, "source cannot be null");
		var wait = this.throttle.retryAfter(source);
		if (wait.isPresent()) {
			return new MailedTokens.Redemption.RetryLater(wait.get());
		}
		Optional<CustomerId> account = (token != null) ? this.transactions.execute((tx) -> this.tokens.use(token))
				: Optional.empty();
		if (account.isEmpty()) {
			this.transactions.executeWithoutResult((tx) -> {
				this.throttle.recordFailure(source);
				this.events.publish(IdentitySecurityEvents.UNLOCK_FAILED, MailedTokens.eventAttributes(null, source));
			});
			return new MailedTokens.Redemption.Invalid();
		}
		this.lockout.end(account.get(), REASON, source);
		this.events.publish(IdentitySecurityEvents.UNLOCK_SUCCEEDED, MailedTokens.eventAttributes(account.get(), source));
		return new MailedTokens.Redemption.Redeemed(account.get());
	}

}
