package jp.mamori.identity.session;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Spring Session JDBC's repository, which can also write the request's session within the caller's
 * transaction instead of in one of its own at the end of the request.
 *
 * <p>A sign-in uses this so that its history entry, its security event and the session it opens are
 * committed together: there is never a session without its record, or a recorded sign-in whose session
 * was lost, and the sign-in costs one commit instead of two and one round trip for all its rows
 * (docs/performance.md). Spring Session's own transactions join the caller's for this reason
 * ({@link SessionConfiguration}); everything else about storing sessions is the delegate's.
 *
 * <p>The session the request works on is the one object this repository created or found for it
 * during the request; it is remembered in a request attribute, so nothing is shared between requests.
 */
public final class TransactionalSessionRepository implements FindByIndexNameSessionRepository<Session> {

	private static final String CURRENT = TransactionalSessionRepository.class.getName() + ".current";

	private final FindByIndexNameSessionRepository<Session> delegate;

	private final SessionStatements statements;

	/**
	 * @param delegate Spring Session JDBC's repository; its sessions are passed back to it as they came
	 * @param statements the delegate's statements, told when a save belongs to the caller's transaction
	 */
	@SuppressWarnings("unchecked")
	TransactionalSessionRepository(JdbcIndexedSessionRepository delegate, SessionStatements statements) {
		Assert.notNull(delegate, "delegate cannot be null");
		Assert.notNull(statements, "statements cannot be null");
		this.delegate = (FindByIndexNameSessionRepository<Session>) (FindByIndexNameSessionRepository<?>) delegate;
		this.statements = statements;
	}

	@Override
	public Session createSession() {
		return remembered(this.delegate.createSession());
	}

	@Override
	public void save(Session session) {
		this.delegate.save(session);
	}

	@Override
	public @Nullable Session findById(String id) {
		Session session = this.delegate.findById(id);
		return (session != null) ? remembered(session) : null;
	}

	@Override
	public void deleteById(String id) {
		this.delegate.deleteById(id);
	}

	@Override
	public Map<String, Session> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		return this.delegate.findByIndexNameAndIndexValue(indexName, indexValue);
	}

	/**
	 * Write the request's session now, within the caller's transaction, when there is one; otherwise
	 * leave it to the end of the request, as always. A new session's rows go to the database with the
	 * transaction's other write-only rows, in its commit ({@link SessionStatements}). If that
	 * transaction does not commit, the session is invalidated, so the client is not given the ID of a
	 * session that was never stored.
	 */
	void saveWithinTransaction(HttpServletRequest request) {
		Assert.notNull(request, "request cannot be null");
		HttpSession session = request.getSession(false);
		if (session == null || !TransactionSynchronizationManager.isActualTransactionActive()
				|| !(request.getAttribute(CURRENT) instanceof Session current)
				|| !current.getId().equals(session.getId())) {
			return;
		}
		this.statements.deferringNewSession(() -> this.delegate.save(current));
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCompletion(int status) {
				if (status != STATUS_COMMITTED) {
					invalidate(session);
				}
			}

		});
	}

	private static void invalidate(HttpSession session) {
		try {
			session.invalidate();
		}
		catch (IllegalStateException alreadyInvalidated) {
			// Nothing left to undo.
		}
	}

	private static Session remembered(Session session) {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			attributes.getRequest().setAttribute(CURRENT, session);
		}
		return session;
	}

}
