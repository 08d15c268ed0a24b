package jp.mamori.identity.session;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.IdentityProperties;
import jp.mamori.mail.MailDeliveryException;
import jp.mamori.platform.db.AfterCommit;
import jp.mamori.platform.db.CoalescedRuns;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * Mails the sign-in notices that successful sign-ins queued, after the sign-in has answered: the
 * customer waits neither for the vault nor for the mail server.
 *
 * <p>Security decisions:
 * <ul>
 * <li>The queue is the sign-in history: a succeeded entry is due for its notice until it is mailed.
 * Nothing is stored for a notice beyond what the history already holds, and the recipient's address
 * is opened from the vault only at the moment of mailing.</li>
 * <li>At least once, never lost: notices are claimed {@code for update skip locked} in a transaction
 * that lasts while they are mailed and marked sent in it. A node that dies before its commit leaves
 * them due for the next run, here or on another node; two nodes never mail the same notice at
 * once.</li>
 * <li>A delivery the mail server refuses is tried again after 1, 5, 15 and 60 minutes, then given up.
 * A notice more than {@link #STALE} late is given up too: a day-old "you just signed in" would mislead
 * more than it helps. Giving up is logged with the history entry's number and the mail's identifier,
 * never the address.</li>
 * <li>A closed account's history is deleted with it, and so are its notices that were still due.</li>
 * </ul>
 */
public final class SignInNoticeOutbox implements AutoCloseable {

	/** Notices claimed per transaction. */
	static final int BATCH = 20;

	/** How late a notice may still be mailed. */
	static final Duration STALE = Duration.ofHours(24);

	/** The wait before each new try after a refused delivery; after the last one the notice is given up. */
	static final List<Duration> RETRIES = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
			Duration.ofMinutes(15), Duration.ofMinutes(60));

	private static final Logger logger = LoggerFactory.getLogger(SignInNoticeOutbox.class);

	private record Due(long id, CustomerId account, Instant occurredAt, String address, String device, String method,
			Locale language, int attempts) {
	}

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final SignInNotices notices;

	private final IdentityProperties.Delivery delivery;

	private final Clock clock;

	private final CoalescedRuns runs;

	/**
	 * @param executor runs {@link #sendDue()} for {@link IdentityProperties.Delivery#BACKGROUND}
	 */
	SignInNoticeOutbox(JdbcClient jdbc, PlatformTransactionManager transactions, SignInNotices notices,
			Executor executor, IdentityProperties.Delivery delivery, Clock clock) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(notices, "notices cannot be null");
		Assert.notNull(executor, "executor cannot be null");
		Assert.notNull(delivery, "delivery cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jdbc = jdbc;
		// A transaction of its own even when called after a sign-in's commit, whose resources are still bound.
		this.transactions = new TransactionTemplate(transactions);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.notices = notices;
		this.delivery = delivery;
		this.clock = clock;
		// When a run fails, the notices stay due and the schedule tries again.
		this.runs = new CoalescedRuns(executor, this::sendDue, "Sign-in notices could not be sent now");
	}

	/** @return the code a notice's language is stored as: {@code en} for English, otherwise {@code ja} */
	static String languageCode(Locale language) {
		return "en".equals(language.getLanguage()) ? "en" : "ja";
	}

	/**
	 * A notice was queued in the current transaction, if there is one: mail it once that commits (at
	 * once without a transaction). A transaction that rolls back queued nothing and mails nothing.
	 */
	void queued() {
		AfterCommit.run((this.delivery == IdentityProperties.Delivery.IN_REQUEST) ? this.runs::runNow : this::wake);
	}

	/**
	 * Have the executor mail what is due. Wakes while a run is waiting to start are one run: it takes
	 * every notice committed before it starts.
	 */
	void wake() {
		this.runs.request();
	}

	/**
	 * Mail every notice that is due now, batch by batch.
	 * @return how many notices were taken care of: mailed, found without an address, put off or given up
	 */
	int sendDue() {
		int total = 0;
		int batch;
		do {
			batch = this.transactions.execute((status) -> sendBatch());
			total += batch;
		}
		while (batch == BATCH);
		return total;
	}

	/** @return how many notices are waiting, due or put off */
	long waiting() {
		return this.jdbc.sql("select count(*) from identity_sign_in_history where notice_due_at is not null")
			.query(Long.class)
			.single();
	}

	/** Give a run under way a moment to finish when Mamori stops. */
	@Override
	public void close() throws Exception {
		this.runs.close();
	}

	private int sendBatch() {
		Instant now = this.clock.instant();
		List<Due> due = this.jdbc.sql("""
				select id, account_id, occurred_at, source_address, device, coalesce(notice_method, method),
				       notice_language, notice_attempts
				from identity_sign_in_history where notice_due_at <= ?
				order by notice_due_at, id limit ? for update skip locked""")
			.params(Timestamp.from(now), BATCH)
			.query((rs, row) -> new Due(rs.getLong(1), new CustomerId(rs.getObject(2, UUID.class)),
					rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5), rs.getString(6),
					"en".equals(rs.getString(7)) ? Locale.ENGLISH : Locale.JAPANESE, rs.getInt(8)))
			.list();
		for (Due notice : due) {
			send(notice, now);
		}
		return due.size();
	}

	private void send(Due notice, Instant now) {
		if (notice.occurredAt().plus(STALE).isBefore(now)) {
			done(notice);
			logger.warn("Sign-in notice of history entry {} given up: more than {} late", notice.id(), STALE);
			return;
		}
		try {
			this.notices.signedIn(notice.account(), notice.occurredAt(), notice.device(), notice.address(),
					notice.method(), notice.language());
			done(notice);
		}
		catch (MailDeliveryException ex) {
			putOff(notice, now, "mail " + ex.mailId());
		}
		catch (RuntimeException ex) {
			// e.g. the vault could not open the address; say what failed without anything of the customer's.
			putOff(notice, now, ex.getClass().getName());
		}
	}

	private void done(Due notice) {
		this.jdbc.sql("""
				update identity_sign_in_history set notice_due_at = null, notice_language = null, notice_method = null
				where id = ?""")
			.param(notice.id())
			.update();
	}

	private void putOff(Due notice, Instant now, String what) {
		int attempts = notice.attempts() + 1;
		if (attempts > RETRIES.size()) {
			done(notice);
			logger.warn("Sign-in notice of history entry {} given up after {} deliveries failed ({})", notice.id(),
					attempts, what);
			return;
		}
		Instant next = now.plus(RETRIES.get(attempts - 1));
		this.jdbc.sql("update identity_sign_in_history set notice_due_at = ?, notice_attempts = ? where id = ?")
			.params(Timestamp.from(next), attempts, notice.id())
			.update();
		logger.warn("Sign-in notice of history entry {} was not delivered ({}); trying again at {}", notice.id(),
				what, next);
	}

}
