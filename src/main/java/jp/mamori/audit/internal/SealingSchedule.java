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

	private final SealingWatch watch;

	private final Duration watchInterval;

	private volatile ScheduledFuture<?> watchTask;

	SealingSchedule(ChainSealer sealer, Duration interval, SealingWatch watch, Duration watchInterval) {
		Assert.notNull(sealer, "sealer cannot be null");
		Assert.notNull(interval, "interval cannot be null");
		Assert.notNull(watch, "watch cannot be null");
		Assert.notNull(watchInterval, "watchInterval cannot be null");
		this.sealer = sealer;
		this.interval = interval;
		this.watch = watch;
		this.watchInterval = watchInterval;
	}

	void round() {
		try {
			this.sealer.sealIfFree();
		}
		catch (SealingHaltedException ex) {
			// Already an error log, a security event, a metric and health DOWN, once per episode.
			logger.debug("Sealing stays stopped", ex);
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
		}
		if (!this.interval.isPositive() && !this.watchInterval.isPositive()) {
			return;
		}
		// A scheduler of its own, not a bean: as a bean it would become every module's @Scheduled executor.
		// Two threads: a sealing round that hangs must not keep the watch from noticing it.
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(2);
		scheduler.setThreadNamePrefix("audit-sealer-");
		scheduler.setWaitForTasksToCompleteOnShutdown(true);
		scheduler.initialize();
		this.scheduler = scheduler;
		if (this.interval.isPositive()) {
			this.task = scheduler.scheduleWithFixedDelay(this::round, this.interval);
		}
		if (this.watchInterval.isPositive()) {
			this.watchTask = scheduler.scheduleWithFixedDelay(this.watch::scheduledCheck, this.watchInterval);
		}
	}

	@Override
	public void stop() {
		ScheduledFuture<?> running = this.task;
		ScheduledFuture<?> watching = this.watchTask;
		this.task = null;
		this.watchTask = null;
		if (watching != null) {
			watching.cancel(false);
		}
		if (running != null) {
			running.cancel(false);
		}
		if (this.scheduler != null) {
			this.scheduler.shutdown();
		}
		if (running != null) {
			round();
		}
	}

	@Override
	public boolean isRunning() {
		return this.task != null || this.watchTask != null;
	}

	@Override
	public int getPhase() {
		// Stop before the database pools close (they are plain beans, destroyed after lifecycles stop).
		return SmartLifecycle.DEFAULT_PHASE;
	}

}
