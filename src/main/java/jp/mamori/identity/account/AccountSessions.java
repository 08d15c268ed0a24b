package jp.mamori.identity.account;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.SessionIds;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.util.Assert;

/**
 * Ends a customer's sessions on every node: they are found in PostgreSQL by principal name, which is
 * the account's UUID (see {@code CustomerSessions}). The sessions found are named by the stored form of
 * their IDs ({@link SessionIds}), so the one to keep is compared through the same keyed hash.
 */
public final class AccountSessions {

	private final FindByIndexNameSessionRepository<?> sessions;

	private final SessionIds ids;

	AccountSessions(FindByIndexNameSessionRepository<?> sessions, SessionIds ids) {
		Assert.notNull(sessions, "sessions cannot be null");
		Assert.notNull(ids, "ids cannot be null");
		this.sessions = sessions;
		this.ids = ids;
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
			if (keep == null || !this.ids.same(id, keep)) {
				this.sessions.deleteById(id);
				ended++;
			}
		}
		return ended;
	}

}
