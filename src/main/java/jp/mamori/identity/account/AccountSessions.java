package jp.mamori.identity.account;

import jp.mamori.identity.CustomerId;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.util.Assert;

/**
 * Ends a customer's sessions on every node: they are found in PostgreSQL by principal name, which is
 * the account's UUID (see {@code CustomerSessions}).
 */
public final class AccountSessions {

	private final FindByIndexNameSessionRepository<?> sessions;

	AccountSessions(FindByIndexNameSessionRepository<?> sessions) {
		Assert.notNull(sessions, "sessions cannot be null");
		this.sessions = sessions;
	}

	/** @return how many sessions were ended */
	int endAll(CustomerId account) {
		return endAllBut(account, null);
	}

	/**
	 * @param keep the session to leave open (the caller's own), or {@code null}
	 * @return how many sessions were ended
	 */
	public int endAllBut(CustomerId account, String keep) {
		int ended = 0;
		for (String id : this.sessions.findByPrincipalName(account.toString()).keySet()) {
			if (!id.equals(keep)) {
				this.sessions.deleteById(id);
				ended++;
			}
		}
		return ended;
	}

}
