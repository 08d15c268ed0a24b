package jp.mamori.identity.account;

import jp.mamori.identity.CustomerId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * Revokes every mailed proof of an account when its password or e-mail address changes.
 *
 * <p>Security decision: a reset link, an unlock link or an e-mail sign-in code mailed before the change
 * was mailed to the address, or issued for the password, as they were then. Whoever read the old
 * mailbox or knew the old password must not use them afterwards to undo the change (a reset link would
 * take the account back). The reset row keeps its count of mailed links, so revoking buys no extra
 * mails. Callers run {@link #revoke} in the transaction of the change; the e-mail code, kept by the
 * sign-in layer above, is revoked by its listener to {@link CredentialsReplaced} in that transaction.
 */
final class OutstandingTokens {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher publisher;

	OutstandingTokens(JdbcClient jdbc, ApplicationEventPublisher publisher) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(publisher, "publisher cannot be null");
		this.jdbc = jdbc;
		this.publisher = publisher;
	}

	/** @param change {@code password} or {@code email} */
	void revoke(CustomerId account, String change) {
		Assert.notNull(account, "account cannot be null");
		this.jdbc.sql("update identity_password_reset set token_hash = null, token_expires_at = null where account_id = ?")
			.param(account.value())
			.update();
		this.jdbc.sql("delete from identity_unlock_token where account_id = ?").param(account.value()).update();
		this.publisher.publishEvent(new CredentialsReplaced(account, change));
	}

}
