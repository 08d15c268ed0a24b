package jp.mamori.identity.account;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
 * <li>A link works once, for a day, and is stored only as a hash ({@link UnlockTokens}).</li>
 * <li>A wrong, used or expired token counts against the source address like a failed sign-in, and a
 * throttled source is answered before anything is looked up, so tokens cannot be guessed quickly.</li>
 * <li>Ending the lockout does not sign anyone in: it only opens the password path again.</li>
 * </ul>
 */
public final class UnlockLinks {

	/** The reason named in {@code auth.lockout.ended}. */
	public static final String REASON = "unlock_link";

	/** How a redemption ended. */
	public sealed interface Redemption {

		record Unlocked(CustomerId account) implements Redemption {
		}

		record Invalid() implements Redemption {
		}

		record RetryLater(Duration delay) implements Redemption {
		}

	}

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
	public Redemption redeem(String token, ClientSource source) {
		Assert.notNull(source, "source cannot be null");
		var wait = this.throttle.retryAfter(source);
		if (wait.isPresent()) {
			return new Redemption.RetryLater(wait.get());
		}
		Optional<CustomerId> account = (token != null) ? this.transactions.execute((tx) -> this.tokens.use(token))
				: Optional.empty();
		if (account.isEmpty()) {
			this.transactions.executeWithoutResult((tx) -> {
				this.throttle.recordFailure(source);
				this.events.publish(IdentitySecurityEvents.UNLOCK_FAILED, attributes(source, null));
			});
			return new Redemption.Invalid();
		}
		this.lockout.end(account.get(), REASON, source);
		this.events.publish(IdentitySecurityEvents.UNLOCK_SUCCEEDED, attributes(source, account.get()));
		return new Redemption.Unlocked(account.get());
	}

	private static Map<String, String> attributes(ClientSource source, CustomerId account) {
		Map<String, String> attributes = new HashMap<>();
		if (account != null) {
			attributes.put("account_id", account.toString());
		}
		attributes.put("source_address", source.addressText());
		attributes.put("user_agent", source.userAgent());
		return attributes;
	}

}
