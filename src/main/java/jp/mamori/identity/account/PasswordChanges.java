package jp.mamori.identity.account;

import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jp.mamori.identity.IdentitySecurityEvents;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.PasswordRefusedException;
import jp.mamori.identity.credentials.AccountLockout;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.PasswordHasher;
import jp.mamori.identity.credentials.PasswordPolicy;
import jp.mamori.platform.SecurityEvents;

import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * A signed-in customer changes their password. Security decisions: the current password is checked
 * like a sign-in (a wrong one counts towards the account's lockout, and during a lockout none is
 * accepted), so a session left open cannot be used to guess it; the new one passes the policy; the owner
 * is told by mail. The caller renews the session ID and may end the other sessions. Every reset link,
 * unlock link and e-mail code still outstanding is revoked in the transaction that sets the password
 * ({@link OutstandingTokens}).
 */
public final class PasswordChanges {

	/** How a change ended, when the policy did not refuse the new password. */
	public enum Outcome {

		CHANGED, WRONG_PASSWORD, NO_PASSWORD

	}

	private final CustomerAccountRepository accounts;

	private final PasswordResets resets;

	private final PasswordPolicy policy;

	private final PasswordHasher hasher;

	private final AccountLockout lockout;

	private final CustomerEmails emails;

	private final AccountMails mails;

	private final SecurityEvents events;

	private final Clock clock;

	private final OutstandingTokens outstanding;

	private final TransactionOperations transactions;

	PasswordChanges(CustomerAccountRepository accounts, PasswordResets resets, PasswordPolicy policy,
			PasswordHasher hasher, AccountLockout lockout, CustomerEmails emails, AccountMails mails,
			SecurityEvents events, Clock clock, OutstandingTokens outstanding, TransactionOperations transactions) {
		Assert.notNull(accounts, "accounts cannot be null");
		Assert.notNull(resets, "resets cannot be null");
		Assert.notNull(policy, "policy cannot be null");
		Assert.notNull(hasher, "hasher cannot be null");
		Assert.notNull(lockout, "lockout cannot be null");
		Assert.notNull(emails, "emails cannot be null");
		Assert.notNull(mails, "mails cannot be null");
		Assert.notNull(events, "events cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.accounts = accounts;
		this.resets = resets;
		this.policy = policy;
		this.hasher = hasher;
		this.lockout = lockout;
		this.emails = emails;
		this.mails = mails;
		this.events = events;
		this.clock = clock;
		Assert.notNull(outstanding, "outstanding cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		this.outstanding = outstanding;
		this.transactions = transactions;
	}

	/** @throws PasswordRefusedException if the policy refuses the new password */
	public Outcome change(CustomerId account, String current, String replacement, ClientSource source, Locale locale) {
		Assert.notNull(current, "current cannot be null");
		Assert.notNull(replacement, "replacement cannot be null");
		var hash = this.accounts.passwordHash(account);
		if (hash.isEmpty()) {
			return Outcome.NO_PASSWORD;
		}
		if (!checkCurrent(account, current, hash.get(), source)) {
			return Outcome.WRONG_PASSWORD;
		}
		this.policy.check(replacement, this.resets.context(account)).ifPresent((refusal) -> {
			throw refusal;
		});
		String replacementHash = this.hasher.hash(replacement);
		boolean set = Boolean.TRUE.equals(this.transactions.execute((tx) -> {
			if (!this.accounts.setPassword(account, hash.get(), replacementHash, this.clock.instant())) {
				return false;
			}
			this.outstanding.revoke(account, "password");
			return true;
		}));
		if (!set) {
			// Changed meanwhile (another session, a reset): the current password checked is no longer current.
			return Outcome.WRONG_PASSWORD;
		}
		Map<String, String> attributes = attributes(account, source);
		attributes.put("method", "change");
		this.events.publish(IdentitySecurityEvents.PASSWORD_CHANGED, attributes);
		this.emails.confirmed(account, "identity.password-changed")
			.ifPresent((address) -> this.mails.passwordChanged(address, locale));
		return Outcome.CHANGED;
	}

	/**
	 * Check a signed-in customer's password as a sign-in would.
	 * @return whether it is right and the account is not locked
	 */
	boolean checkCurrent(CustomerId account, String password, String hash, ClientSource source) {
		if (this.lockout.lockedUntil(account).isPresent()) {
			this.hasher.verifyDummy(password);
			return false;
		}
		if (!this.hasher.verify(password, hash)) {
			this.lockout.recordFailure(account, source);
			Map<String, String> attributes = attributes(account, source);
			attributes.put("reason", "bad_password");
			this.events.publish(IdentitySecurityEvents.PASSWORD_CHECK_FAILED, attributes);
			return false;
		}
		return true;
	}

	private static Map<String, String> attributes(CustomerId account, ClientSource source) {
		Map<String, String> attributes = new HashMap<>();
		attributes.put("account_id", account.toString());
		attributes.put("source_address", source.addressText());
		attributes.put("user_agent", source.userAgent());
		return attributes;
	}

}
