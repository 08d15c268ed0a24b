package jp.mamori.platform.db;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.Assert;

/**
 * Work done off the request path on an executor, such as mailing due notices or trimming the sign-in
 * history. Requests made while a run waits to start are that one run: the work must take care of
 * everything that was asked of it before it started, as a query for what is due does. Nobody waits for
 * a run, so one that fails is logged by the exception's class only, and what it should have done stays
 * to be done (in the database) for the next run.
 */
public final class CoalescedRuns implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(CoalescedRuns.class);

	private final Executor executor;

	private final Runnable work;

	private final String what;

	private final AtomicBoolean waiting = new AtomicBoolean();

	/**
	 * @param what what the work does, for the log, e.g. {@code "Sign-in notices could not be sent now"}
	 */
	public CoalescedRuns(Executor executor, Runnable work, String what) {
		Assert.notNull(executor, "executor cannot be null");
		Assert.notNull(work, "work cannot be null");
		Assert.hasText(what, "what cannot be empty");
		this.executor = executor;
		this.work = work;
		this.what = what;
	}

	/** Have the executor run the work, unless a run is already waiting to start. */
	public void request() {
		if (!this.waiting.compareAndSet(false, true)) {
			return;
		}
		try {
			this.executor.execute(() -> {
				this.waiting.set(false);
				runNow();
			});
		}
		catch (RejectedExecutionException ex) {
			// Stopping: what was asked stays to be done, for the next start or another node.
			this.waiting.set(false);
		}
	}

	/** Run the work in the caller's thread, logging instead of throwing when it fails. */
	public void runNow() {
		try {
			this.work.run();
		}
		catch (RuntimeException ex) {
			logger.warn("{}: {}", this.what, ex.getClass().getName());
		}
	}

	/** Give a run under way a moment to finish when Mamori stops. */
	@Override
	public void close() throws Exception {
		if (this.executor instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

}
