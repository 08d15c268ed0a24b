package jp.mamori.audit.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.Assert;

/**
 * Runs a sealing round every few hundred milliseconds on every node; the advisory lock lets one of
 * them work at a time. Tests do not wait for it: they call {@code LogIntegrity.seal()} directly.
 * On a graceful stop, one last round chains what this node wrote.
 */
final class SealingSchedule implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SealingSchedule.class);

	private final ChainSealer sealer;

	private volatile ThreadPoolTaskScheduler scheduler;

	private final Duration interval;

	private volatile ScheduledFuture<?> task;

	SealingSchedule(ChainSealer sealer, Duration interval) {
		Assert.notNull(sealer, "sealer cannot be null");
		Assert.notNull(interval, "interval cannot be null");
		this.sealer = sealer;
		this.interval = interval;
	}

	void round() {
		try {
			this.sealer.sealIfFree();
		}
		catch (RuntimeException ex) {
			// A failing round is an alarm (e.g. the chain's tail was cut and seq collides), not a crash.
			logger.error("Sealing the operation log failed; entries stay unsealed until it succeeds", ex);
		}
	}

	@Override
	public void start() {
		if (!this.interval.isPositive()) {
			logger.warn("Background sealing of the operation log is off (mamori.audit.seal-interval)");
			return;
		}
		// A scheduler of its own, not a bean: as a bean it would become every module's @Scheduled executor.
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(1);
		scheduler.setThreadNamePrefix("audit-sealer-");
		scheduler.setWaitForTasksToCompleteOnShutdown(true);
		scheduler.initialize();
		this.scheduler = scheduler;
		this.task = scheduler.scheduleWithFixedDelay(this::round, this.interval);
	}

	@Override
	public void stop() {
		ScheduledFuture<?> running = this.task;
		this.task = null;
		if (running != null) {
			running.cancel(false);
			this.scheduler.shutdown();
			round();
		}
	}

	@Override
	public boolean isRunning() {
		return this.task != null;
	}

	@Override
	public int getPhase() {
		// Stop before the database pools close (they are plain beans, destroyed after lifecycles stop).
		return SmartLifecycle.DEFAULT_PHASE;
	}

}
