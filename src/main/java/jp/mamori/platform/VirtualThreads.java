package jp.mamori.platform;

import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Executors for background work that waits on the database or a mail server: one virtual thread per
 * task, named by {@code prefix}, and a bounded wait for running tasks when the application stops.
 */
public final class VirtualThreads {

	/** How long closing an executor waits for its running tasks. */
	public static final long TERMINATION_TIMEOUT_MILLIS = 10_000;

	private VirtualThreads() {
	}

	/** @return a new executor whose tasks run on virtual threads named {@code prefix} and a number */
	public static SimpleAsyncTaskExecutor executor(String prefix) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(prefix);
		executor.setVirtualThreads(true);
		executor.setTaskTerminationTimeout(TERMINATION_TIMEOUT_MILLIS);
		return executor;
	}

}
