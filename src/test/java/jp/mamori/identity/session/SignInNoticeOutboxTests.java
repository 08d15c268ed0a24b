package jp.mamori.identity.session;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.Registering;
import jp.mamori.identity.account.CustomerEmails;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.IdentityProperties;
import jp.mamori.mail.MailDeliveryException;
import jp.mamori.mail.Mailer;
import jp.mamori.platform.JapanTime;
import jp.mamori.platform.db.DeferredWrites;
import jp.mamori.testing.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in notices as Mamori sends them by default: queued with the history entry, mailed after the
 * commit on the outbox's own thread (here an executor whose tasks the test runs), tried again when the
 * mail server refuses them, and never mailed twice by two nodes.
 */
@IdentityTest
class SignInNoticeOutboxTests {

	static final String FIREFOX_ON_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.6; rv:133.0) Gecko/20100101 "
			+ "Firefox/133.0";

	@Autowired
	AccountFixture customers;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DeferredWrites writes;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	CustomerEmails emails;

	@Autowired
	Mailer mailer;

	@Autowired
	MessageSource messages;

	Registering registering;

	String email;

	CustomerId account;

	/** The background executor's tasks, run when the test says so. */
	final List<Runnable> tasks = new ArrayList<>();

	/** Deliveries the mail server refuses before it takes mail again. */
	final AtomicInteger refusals = new AtomicInteger();

	@BeforeEach
	void registerACustomer() {
		this.registering = this.customers.registering();
		String unique = UUID.randomUUID().toString().substring(0, 8);
		this.email = "outbox" + unique + "@example.jp";
		this.account = new CustomerId(UUID.fromString(this.registering
			.registerAndConfirm(Registering.request("outbox" + unique, this.email, "Outbox", "アウトボックス"))));
	}

	@Test
	void theNoticeIsMailedAfterTheCommitOnTheOutboxsThreadNotInTheSignIn() throws Exception {
		SignInNoticeOutbox outbox = outbox(this.mailer);
		JdbcSignInHistory history = history(outbox);
		Instant signedInAt = this.clock.instant();
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			history.record(this.account, SignInHistory.Method.PASSWORD, SignInHistory.Result.SUCCEEDED, source());
			assertThat(this.tasks).as("nothing is mailed before the sign-in commits").isEmpty();
		});
		assertThat(this.tasks).as("one run of the outbox, after the commit").hasSize(1);
		assertThat(notices()).as("the sign-in did not wait for the mail").isEmpty();
		assertThat(due()).isEqualTo(1);

		this.clock.advance(Duration.ofSeconds(3));
		runTasks();
		assertThat(notices()).singleElement().satisfies((notice) -> {
			assertThat(notice.get("subject")).isEqualTo("New sign-in to your Mamori account");
			String japanTime = signedInAt.atZone(JapanTime.ZONE)
				.format(DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH));
			assertThat((String) notice.get("text")).as("the time of the sign-in, not of the mail")
				.contains("Time: " + japanTime + " (Japan time)")
				.contains("Device: Firefox (macOS)")
				.contains("Address: 203.0.113.77")
				.contains("Method: password")
				.doesNotContain("Mozilla");
		});
		assertThat(due()).isZero();
		assertThat(outbox.sendDue()).as("mailed once").isZero();
	}

	@Test
	void aSignInThatRollsBackOrDoesNotSucceedQueuesNoNotice() {
		SignInNoticeOutbox outbox = outbox(this.mailer);
		JdbcSignInHistory history = history(outbox);
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			history.record(this.account, SignInHistory.Method.PASSWORD, SignInHistory.Result.SUCCEEDED, source());
			status.setRollbackOnly();
		});
		history.record(this.account, SignInHistory.Method.PASSWORD, SignInHistory.Result.REFUSED, source());
		history.record(this.account, SignInHistory.Method.PASSWORD, SignInHistory.Result.SECOND_FACTOR_REQUIRED,
				source());
		assertThat(this.tasks).isEmpty();
		assertThat(due()).isZero();
		assertThat(outbox.sendDue()).isZero();
		assertThat(notices()).isEmpty();
	}

	@Test
	void aRefusedDeliveryIsTriedAgainLaterAndThenArrives() {
		SignInNoticeOutbox outbox = outbox(refusingMailer());
		this.refusals.set(2);
		queue(outbox);
		runTasks();
		assertThat(notices()).isEmpty();
		assertThat(attempts()).isEqualTo(1);
		assertThat(outbox.sendDue()).as("not due again before a minute has passed").isZero();

		this.clock.advance(Duration.ofMinutes(1));
		assertThat(outbox.sendDue()).isEqualTo(1);
		assertThat(notices()).isEmpty();
		assertThat(attempts()).isEqualTo(2);
		this.clock.advance(Duration.ofMinutes(4));
		assertThat(outbox.sendDue()).as("the second wait is five minutes").isZero();

		this.clock.advance(Duration.ofMinutes(1));
		assertThat(outbox.sendDue()).isEqualTo(1);
		assertThat(notices()).hasSize(1);
		assertThat(due()).isZero();
	}

	@Test
	void aNoticeIsGivenUpAfterItsLastTry() {
		SignInNoticeOutbox outbox = outbox(refusingMailer());
		this.refusals.set(Integer.MAX_VALUE);
		queue(outbox);
		runTasks();
		for (Duration wait : SignInNoticeOutbox.RETRIES) {
			assertThat(due()).isEqualTo(1);
			this.clock.advance(wait);
			assertThat(outbox.sendDue()).isEqualTo(1);
		}
		assertThat(due()).as("given up").isZero();
		assertThat(Integer.MAX_VALUE - this.refusals.get()).as("deliveries tried")
			.isEqualTo(SignInNoticeOutbox.RETRIES.size() + 1);
		this.refusals.set(0);
		this.clock.advance(Duration.ofHours(2));
		assertThat(outbox.sendDue()).isZero();
		assertThat(notices()).isEmpty();
	}

	@Test
	void aNoticeADayLateIsNotMailed() {
		SignInNoticeOutbox outbox = outbox(refusingMailer());
		this.refusals.set(1);
		queue(outbox);
		runTasks();
		this.clock.advance(SignInNoticeOutbox.STALE.plusMinutes(1));
		assertThat(outbox.sendDue()).isEqualTo(1);
		assertThat(notices()).isEmpty();
		assertThat(due()).isZero();
	}

	@Test
	void twoNodesNeverMailTheSameNoticeAtOnce() throws Exception {
		CountDownLatch mailing = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Mailer slow = (mail) -> {
			mailing.countDown();
			await(release);
			return this.mailer.send(mail);
		};
		SignInNoticeOutbox first = outbox(slow);
		SignInNoticeOutbox second = outbox(this.mailer);
		queue(first);
		CompletableFuture<Integer> firstRun = CompletableFuture.supplyAsync(first::sendDue);
		await(mailing);
		assertThat(second.sendDue()).as("the notice the first node is mailing is skipped, not waited for").isZero();
		release.countDown();
		assertThat(firstRun.get(30, TimeUnit.SECONDS)).isEqualTo(1);
		assertThat(second.sendDue()).isZero();
		assertThat(notices()).hasSize(1);
	}

	@Test
	void anEntryWhoseNoticeIsStillDueOutlivesTheTrimUntilItIsMailed() {
		SignInNoticeOutbox outbox = outbox(this.mailer);
		JdbcSignInHistory history = history(outbox);
		history.record(this.account, SignInHistory.Method.PASSWORD, SignInHistory.Result.SUCCEEDED, source());
		for (int i = 0; i < SignInHistory.KEPT + 3; i++) {
			history.record(this.account, SignInHistory.Method.PASSWORD, SignInHistory.Result.REFUSED, source());
		}
		// A flood of refusals cannot delete a notice before it is mailed, even while the mail server is down.
		assertThat(entries()).isEqualTo(SignInHistory.KEPT + 1);
		assertThat(due()).isEqualTo(1);

		runTasks();
		assertThat(notices()).singleElement();
		history.record(this.account, SignInHistory.Method.PASSWORD, SignInHistory.Result.REFUSED, source());
		assertThat(entries()).as("mailed, it is trimmed with the next entry").isEqualTo(SignInHistory.KEPT);
		assertThat(due()).isZero();
	}

	@Test
	void closingTheAccountDropsItsWaitingNotices() {
		SignInNoticeOutbox outbox = outbox(this.mailer);
		queue(outbox);
		assertThat(due()).isEqualTo(1);
		this.jdbc.sql("delete from identity_customer_account where id = ?").param(this.account.value()).update();
		assertThat(due()).isZero();
	}

	private SignInNoticeOutbox outbox(Mailer mailer) {
		return new SignInNoticeOutbox(this.jdbc, this.transactionManager,
				new SignInNotices(this.emails, mailer, this.messages, this.clock), this.tasks::add,
				IdentityProperties.Delivery.BACKGROUND, this.clock);
	}

	/** The history whose entries are the outbox's notices; it trims older entries at once, not on the test's executor. */
	private JdbcSignInHistory history(SignInNoticeOutbox outbox) {
		return new JdbcSignInHistory(this.jdbc, this.writes, this.transactionManager, this.clock, outbox, Runnable::run);
	}

	private Mailer refusingMailer() {
		return (mail) -> {
			if (this.refusals.getAndUpdate((left) -> Math.max(left - 1, 0)) > 0) {
				throw new MailDeliveryException(UUID.randomUUID().toString(), "the server said 451");
			}
			return this.mailer.send(mail);
		};
	}

	private void queue(SignInNoticeOutbox outbox) {
		history(outbox).record(this.account, SignInHistory.Method.PASSWORD,
				SignInHistory.Result.SUCCEEDED, source());
	}

	private void runTasks() {
		List<Runnable> now = List.copyOf(this.tasks);
		this.tasks.clear();
		now.forEach(Runnable::run);
	}

	private ClientSource source() {
		try {
			return new ClientSource(InetAddress.getByName("203.0.113.77"), FIREFOX_ON_MAC, Locale.ENGLISH);
		}
		catch (java.net.UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private List<Map<?, ?>> notices() {
		return this.registering.mails(this.email)
			.stream()
			.filter((mail) -> String.valueOf(mail.get("subject")).startsWith("New sign-in"))
			.toList();
	}

	private long entries() {
		return this.jdbc.sql("select count(*) from identity_sign_in_history where account_id = ?")
			.param(this.account.value())
			.query(Long.class)
			.single();
	}

	private long due() {
		return this.jdbc
			.sql("select count(*) from identity_sign_in_history where account_id = ? and notice_due_at is not null")
			.param(this.account.value())
			.query(Long.class)
			.single();
	}

	private int attempts() {
		return this.jdbc
			.sql("select max(notice_attempts) from identity_sign_in_history where account_id = ?")
			.param(this.account.value())
			.query(Integer.class)
			.single();
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(30, TimeUnit.SECONDS)).as("the other node got there").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
