package jp.mamori.identity.account;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jp.mamori.identity.IdentitySecurityEvents;
import jp.mamori.identity.CustomerAccountClosed;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.vault.Vault;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * Closes a customer's account for good (DESIGN invariant 5).
 *
 * <p>Security decisions:
 * <ul>
 * <li>The customer proves it again: the password for an account that has one, otherwise a session
 * opened by an e-mail code. Both on top of a fresh sign-in, which the caller checks.</li>
 * <li>The last mail goes out first, while the address can still be opened. Then, in one transaction,
 * the account row is deleted (lockout, TOTP, codes and tokens go with it by cascade), the customer's
 * key is destroyed ({@link Vault#destroy}: every value sealed for them is unreadable, in old dumps
 * too, and the blind index forgets the address) and {@link CustomerAccountClosed} is published for the
 * modules that follow. Every session of the account ends afterwards.</li>
 * <li>The user ID and the e-mail address are free again: nothing of the account is kept to block them.</li>
 * </ul>
 */
public final class AccountClosing {

	/** How a request to close ended. */
	public enum Outcome {

		CLOSED, WRONG_PASSWORD, EMAIL_CODE_REQUIRED

	}

	private final CustomerAccountRepository accounts;

	private final PasswordChanges passwords;

	private final CustomerEmails emails;

	private final AccountMails mails;

	private final AccountSessions sessions;

	private final Vault vault;

	private final JdbcClient jdbc;

	private final SecurityEvents events;

	private final ApplicationEventPublisher publisher;

	private final TransactionOperations transactions;

	AccountClosing(CustomerAccountRepository accounts, PasswordChanges passwords, CustomerEmails emails,
			AccountMails mails, AccountSessions sessions, Vault vault, JdbcClient jdbc, SecurityEvents events,
			ApplicationEventPublisher publisher, TransactionOperations transactions) {
		Assert.notNull(accounts, "accounts cannot be null");
		Assert.notNull(passwords, "passwords cannot be null");
		Assert.notNull(emails, "emails cannot be null");
		Assert.notNull(mails, "mails cannot be null");
		Assert.notNull(sessions, "sessions cannot be null");
		Assert.notNull(vault, "vault cannot be null");
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(events, "events cannot be null");
		Assert.notNull(publisher, "publisher cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		this.accounts = accounts;
		this.passwords = passwords;
		this.emails = emails;
		this.mails = mails;
		this.sessions = sessions;
		this.vault = vault;
		this.jdbc = jdbc;
		this.events = events;
		this.publisher = publisher;
		this.transactions = transactions;
	}

	/**
	 * @param password the password as typed, or {@code null} for a passwordless account
	 * @param emailCodeSession whether the caller's session was opened with an e-mail code
	 */
	public Outcome close(CustomerId account, String password, boolean emailCodeSession, ClientSource source, Locale locale) {
		var hash = this.accounts.passwordHash(account);
		if (hash.isPresent()) {
			if (password == null || !this.passwords.checkCurrent(account, password, hash.get(), source)) {
				return Outcome.WRONG_PASSWORD;
			}
		}
		else if (!emailCodeSession) {
			return Outcome.EMAIL_CODE_REQUIRED;
		}
		this.emails.confirmed(account, "identity.account-closed")
			.ifPresent((address) -> this.mails.accountClosed(address, locale));
		this.transactions.executeWithoutResult((tx) -> {
			this.jdbc.sql("delete from identity_customer_account where id = ?").param(account.value()).update();
			this.vault.destroy(CustomerFields.subject(account.value()));
			Map<String, String> attributes = new HashMap<>();
			attributes.put("account_id", account.toString());
			attributes.put("source_address", source.addressText());
			attributes.put("user_agent", source.userAgent());
			this.events.publish(IdentitySecurityEvents.ACCOUNT_CLOSED, attributes);
			this.publisher.publishEvent(new CustomerAccountClosed(account));
		});
		this.sessions.endAll(account);
		return Outcome.CLOSED;
	}

}
