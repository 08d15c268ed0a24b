package jp.mamori.identity.session;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.Devices;
import jp.mamori.platform.db.AfterCommit;
import jp.mamori.platform.db.CoalescedRuns;
import jp.mamori.platform.db.DeferredWrites;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * {@link SignInHistory} in PostgreSQL. Recording is one insert, sent with the sign-in's other
 * write-only rows in its transaction's commit ({@link DeferredWrites}): it adds no round trip and no
 * commit of its own to the sign-in that calls it, whether or not there is an account to record it for.
 * A succeeded entry is also its sign-in notice, due at once in the request's language;
 * {@link SignInNoticeOutbox} is told after the commit and mails it.
 *
 * <p>Each account's entries beyond the newest {@value #KEPT} are deleted after the commit that
 * recorded a new one, on the executor, in a transaction of their own: the sign-in neither waits for the
 * trim nor pays for it, and a refusal costs the database the same work with or without an account. An
 * entry whose notice is still due is kept until it has been mailed or given up; the account's next
 * entry trims it then. A trim that is lost (the node stops first) leaves a few more entries until the
 * account's next one.
 */
final class JdbcSignInHistory implements SignInHistory, AutoCloseable {

	private final JdbcClient jdbc;

	private final DeferredWrites writes;

	private final Clock clock;

	private final SignInNoticeOutbox notices;

	private final TransactionTemplate transactions;

	/** Accounts with an entry committed since their last trim. */
	private final Set<UUID> untrimmed = ConcurrentHashMap.newKeySet();

	private final CoalescedRuns trims;

	/**
	 * @param executor trims the accounts' older entries after each commit that recorded one
	 */
	JdbcSignInHistory(JdbcClient jdbc, DeferredWrites writes, PlatformTransactionManager transactions, Clock clock,
			SignInNoticeOutbox notices, Executor executor) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(writes, "writes cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		Assert.notNull(notices, "notices cannot be null");
		Assert.notNull(executor, "executor cannot be null");
		this.jdbc = jdbc;
		this.writes = writes;
		// A transaction of its own even when run right after the recording one's commit, whose resources are
		// still bound.
		this.transactions = new TransactionTemplate(transactions);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
		this.notices = notices;
		// When a trim fails, the entries are deleted with the accounts' next trim.
		this.trims = new CoalescedRuns(executor, this::trim, "The sign-in history could not be trimmed now");
	}

	@Override
	public void record(CustomerId account, Method method, Result result, ClientSource source, String noticeMethod) {
		Assert.notNull(method, "method cannot be null");
		Assert.notNull(result, "result cannot be null");
		Assert.notNull(source, "source cannot be null");
		Assert.hasText(noticeMethod, "noticeMethod cannot be empty");
		UUID id = (account != null) ? account.value() : null;
		Timestamp now = Timestamp.from(this.clock.instant());
		boolean notice = (id != null) && result == Result.SUCCEEDED;
		// Without an account the same statement runs and writes nothing.
		this.writes.write("""
				insert into identity_sign_in_history
				    (account_id, occurred_at, source_address, device, method, result,
				     notice_due_at, notice_language, notice_method)
				select ?::uuid, ?, ?, ?, ?, ?, ?, ?, ? where ?::uuid is not null""", id, now, source.addressText(),
				Devices.describe(source.userAgent()), method.code(), result.code(), notice ? now : null,
				notice ? SignInNoticeOutbox.languageCode(source.language()) : null, notice ? noticeMethod : null, id);
		if (id != null) {
			AfterCommit.run(() -> {
				this.untrimmed.add(id);
				this.trims.request();
			});
		}
		if (notice) {
			this.notices.queued();
		}
	}

	@Override
	public List<Entry> recent(CustomerId account) {
		return this.jdbc.sql("""
				select occurred_at, source_address, device, method, result from identity_sign_in_history
				where account_id = ? order by occurred_at desc, id desc limit ?""")
			.params(account.value(), KEPT)
			.query((rs, row) -> new Entry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getString(5)))
			.list();
	}

	/**
	 * Delete, for every account recorded since its last trim, the entries beyond its newest {@value #KEPT}
	 * whose notice is not due.
	 * @return how many entries were deleted
	 */
	int trim() {
		List<UUID> accounts = new ArrayList<>();
		for (UUID account : this.untrimmed) {
			if (this.untrimmed.remove(account)) {
				accounts.add(account);
			}
		}
		if (accounts.isEmpty()) {
			return 0;
		}
		try {
			Integer deleted = this.transactions.execute((status) -> {
				int total = 0;
				for (UUID account : accounts) {
					total += this.jdbc.sql("""
							delete from identity_sign_in_history where notice_due_at is null and id in (
							    select id from identity_sign_in_history where account_id = ?
							    order by occurred_at desc, id desc offset ?)""")
						.params(account, KEPT)
						.update();
				}
				return total;
			});
			return (deleted != null) ? deleted : 0;
		}
		catch (RuntimeException ex) {
			// Tried again with the next trim.
			this.untrimmed.addAll(accounts);
			throw ex;
		}
	}

	/** Give a trim under way a moment to finish when Mamori stops. */
	@Override
	public void close() throws Exception {
		this.trims.close();
	}

}
