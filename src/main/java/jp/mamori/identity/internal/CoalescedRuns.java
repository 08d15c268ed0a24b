package jp.mamori.identity.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.util.Assert;

/**
 * Work done off the request path on an executor, such as mailing due notices or trimming the sign-in
 * history. Requests made while a run waits to start are that one run: the work must take care of
 * everything that was asked of it before it started, as a query for what is due does.
 */
final class CoalescedRuns {

	private final Executor executor;

	private final Runnable work;

	private final AtomicBoolean waiting = new AtomicBoolean();

	CoalescedRuns(Executor executor, Runnable work) {
		Assert.notNull(executor, "executor cannot be null");
		Assert.notNull(work, "work cannot be null");
		this.executor = executor;
		this.work = work;
	}

	/** Have the executor run the work, unless a run is already waiting to start. */
	void request() {
		if (!this.waiting.compareAndSet(false, true)) {
			return;
		}
		try {
			this.executor.execute(() -> {
				this.waiting.set(false);
				this.work.run();
			});
		}
		catch (RejectedExecutionException ex) {
			// Stopping: what was asked stays to be done (in the database), for the next start or another node.
			this.waiting.set(false);
		}
	}

}
