package jp.mamori.identity.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jp.mamori.identity.IdentitySecurityEvents;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.PasswordRefusedException;
import jp.mamori.identity.credentials.AccountLockout;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.PasswordHasher;
import jp.mamori.identity.credentials.PasswordPolicy;
import jp.mamori.identity.credentials.SourceThrottle;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.vault.EmailAddress;

import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * Password reset by a link mailed to the account's confirmed address; also how a passwordless account
 * gets a password, and how a forced reset ends.
 *
 * <p>Security decisions:
 * <ul>
 * <li>A request gets one answer whether an account exists or not, and does the same work up to the
 * mail: the source is counted, a token is made and hashed either way. Only the owner's mailbox learns
 * the difference.</li>
 * <li>The token is 256 random bits, stored only as its SHA-256, valid for {@link #VALIDITY}, used
 * once, and spent in the statement that checks it ({@link MailedTokens}); a new request replaces it. At most {@link #MAILS_PER_WINDOW} links per account per
 * {@link #WINDOW}, and every request counts against its source like a failed sign-in.</li>
 * <li>A reset sets the password and nothing else: it opens no session, so a second factor is still
 * asked at the next sign-in. It ends every session of the account and the password lockout (the owner
 * proved control of the mailbox, the path the lockout leaves open), and revokes every other link and
 * code still outstanding ({@link OutstandingTokens}) in the transaction that sets the password.</li>
 * <li>Neither the token nor the identifier is logged or put into an event.</li>
 * </ul>
 */
public final class PasswordResets {

	static final Duration VALIDITY = Duration.ofMinutes(30);

	static final int MAILS_PER_WINDOW = 3;

	static final Duration WINDOW = Duration.ofHours(1);

	private final CustomerEmails emails;

	private final CustomerAccountRepository accounts;

	private final PasswordResetTokens tokens;

	private final PasswordPolicy policy;

	private final PasswordHasher hasher;

	private final AccountLockout lockout;

	private final SourceThrottle throttle;

	private final AccountSessions sessions;

	private final AccountMails mails;

	private final SecurityEvents events;

	private final TransactionOperations transactions;

	private final OutstandingTokens outstanding;

	private final Clock clock;

	private final String baseUrl;

	PasswordResets(CustomerEmails emails, CustomerAccountRepository accounts, PasswordResetTokens tokens,
			PasswordPolicy policy, PasswordHasher hasher, AccountLockout lockout, SourceThrottle throttle,
			AccountSessions sessions, AccountMails mails, SecurityEvents events, TransactionOperations transactions,
			Clock clock, String baseUrl, OutstandingTokens outstanding) {
		Assert.notNull(emails, "emails cannot be null");
		Assert.notNull(accounts, "accounts cannot be null");
		Assert.notNull(tokens, "tokens cannot be null");
		Assert.notNull(policy, "policy cannot be null");
		Assert.notNull(hasher, "hasher cannot be null");
		Assert.notNull(lockout, "lockout cannot be null");
		Assert.notNull(throttle, "throttle cannot be null");
		Assert.notNull(sessions, "sessions cannot be null");
		Assert.notNull(mails, "mails cannot be null");
		Assert.notNull(events, "events cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		Assert.isTrue(baseUrl != null && baseUrl.startsWith("https://"), "the public base URL must be https");
		this.emails = emails;
		this.accounts = accounts;
		this.tokens = tokens;
		this.policy = policy;
		this.hasher = hasher;
		this.lockout = lockout;
		this.throttle = throttle;
		this.sessions = sessions;
		this.mails = mails;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
		Assert.notNull(outstanding, "outstanding cannot be null");
		this.outstanding = outstanding;
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	/**
	 * Mail a reset link to the account named by {@code login} (user ID or e-mail address), if it has a
	 * confirmed address.
	 * @return how long the source must wait first, or empty when the request was taken (whatever it found)
	 */
	public Optional<Duration> request(String login, ClientSource source, Locale locale) {
		Assert.notNull(source, "source cannot be null");
		var wait = this.throttle.retryAfter(source);
		if (wait.isPresent()) {
			return wait;
		}
		// Counted, and a token made, before anything is looked up, so neither depends on the account.
		this.throttle.recordFailure(source);
		MailedTokens.Issued token = this.tokens.make(VALIDITY);
		Optional<CustomerId> account = this.emails.find(login);
		Optional<EmailAddress> address = account.flatMap((found) -> this.emails.confirmed(found, "identity.password-reset"));
		if (address.isEmpty()) {
			return Optional.empty();
		}
		boolean issued = issue(account.get(), token.digest());
		Map<String, String> attributes = MailedTokens.eventAttributes(account.get(), source);
		attributes.put("issued", Boolean.toString(issued));
		this.events.publish(IdentitySecurityEvents.PASSWORD_RESET_REQUESTED, attributes);
		if (issued) {
			this.mails.resetLink(address.get(), link(token.token()), locale);
		}
		return Optional.empty();
	}

	/**
	 * Mail a reset link because a right password met a forced reset. Bounded per account like a request.
	 */
	public void forced(CustomerId account, Locale locale) {
		var address = this.emails.confirmed(account, "identity.password-reset");
		if (address.isEmpty()) {
			return;
		}
		MailedTokens.Issued token = this.tokens.make(VALIDITY);
		if (issue(account, token.digest())) {
			this.mails.forcedResetLink(address.get(), link(token.token()), locale);
		}
	}

	/**
	 * Set a new password with the token from the mail.
	 * @throws PasswordRefusedException if the policy refuses the password; the token stays valid
	 */
	public MailedTokens.Redemption complete(String token, String newPassword, ClientSource source, Locale locale) {
		Assert.notNull(source, "source cannot be null");
		Assert.notNull(newPassword, "newPassword cannot be null");
		var wait = this.throttle.retryAfter(source);
		if (wait.isPresent()) {
			return new MailedTokens.Redemption.RetryLater(wait.get());
		}
		String typed = (token != null) ? token.strip() : "";
		Optional<CustomerId> found = this.tokens.find(typed);
		if (found.isEmpty()) {
			this.throttle.recordFailure(source);
			this.events.publish(IdentitySecurityEvents.PASSWORD_RESET_FAILED, MailedTokens.eventAttributes(null, source));
			return new MailedTokens.Redemption.Invalid();
		}
		CustomerId account = found.get();
		this.policy.check(newPassword, context(account)).ifPresent((refusal) -> {
			throw refusal;
		});
		String replacement = this.hasher.hash(newPassword);
		boolean done = Boolean.TRUE.equals(this.transactions.execute((tx) -> {
			Instant now = this.clock.instant();
			if (!this.tokens.consume(account, typed) || !this.accounts.setPassword(account, null, replacement, now)) {
				tx.setRollbackOnly();
				return false;
			}
			this.lockout.end(account, "password_reset");
			this.outstanding.revoke(account, "password");
			Map<String, String> attributes = MailedTokens.eventAttributes(account, source);
			attributes.put("method", "reset");
			this.events.publish(IdentitySecurityEvents.PASSWORD_CHANGED, attributes);
			return true;
		}));
		if (!done) {
			return new MailedTokens.Redemption.Invalid();
		}
		this.sessions.endAll(account);
		this.emails.confirmed(account, "identity.password-changed")
			.ifPresent((address) -> this.mails.passwordChanged(address, locale));
		return new MailedTokens.Redemption.Redeemed(account);
	}

	/** What a new password of this account must not contain: its user ID and e-mail address. */
	PasswordPolicy.Context context(CustomerId account) {
		String userId = this.accounts.userId(account).orElse("");
		List<String> personal = new ArrayList<>();
		this.emails.confirmed(account, "identity.password-policy").ifPresent((email) -> {
			personal.add(email.normalised());
			personal.add(email.normalised().substring(0, email.normalised().indexOf('@')));
		});
		return new PasswordPolicy.Context(userId, personal);
	}

	private boolean issue(CustomerId account, byte[] tokenHash) {
		return Boolean.TRUE.equals(this.transactions.execute((tx) -> {
			Instant now = this.clock.instant();
			return this.tokens.replace(account, tokenHash, now.plus(VALIDITY), now, MAILS_PER_WINDOW, WINDOW);
		}));
	}

	private String link(String token) {
		return this.baseUrl + "/password-reset?token=" + token;
	}

	/** @return the stored form of {@code token} under the current key */
	byte[] hash(String token) {
		return this.tokens.hash(token);
	}

}
