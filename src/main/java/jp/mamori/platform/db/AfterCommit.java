package jp.mamori.platform.db;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/** Work that must wait for the caller's transaction to commit, such as a mail about what it wrote. */
public final class AfterCommit {

	private AfterCommit() {
	}

	/**
	 * Run {@code work} once the current transaction commits, or at once when there is none. A
	 * transaction that rolls back runs nothing. The work runs while the committed transaction's
	 * resources are still bound: database work in it needs a transaction of its own.
	 */
	public static void run(Runnable work) {
		Assert.notNull(work, "work cannot be null");
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			work.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				work.run();
			}

		});
	}

}
