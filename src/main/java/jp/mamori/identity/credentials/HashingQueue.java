package jp.mamori.identity.credentials;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.util.Assert;

/**
 * The bounded queue in front of the Argon2 slots: at most {@code capacity} hashes are computed or
 * waiting at once on this node. A hash that finds no room within {@code wait} is refused with
 * {@link HashingBusyException}.
 *
 * <p>Security decision: without a bound, a flood of sign-ins (refused ones cost a hash too) queues
 * without end, and every customer's sign-in waits behind it until clients time out; with it, the
 * flood's surplus is answered at once and the customers whose hashes fit still sign in. The semaphore
 * is fair, so hashes are admitted in the order they asked.
 */
final class HashingQueue {

	private final Semaphore room;

	private final int capacity;

	private final Duration wait;

	HashingQueue(int capacity, Duration wait) {
		Assert.isTrue(capacity >= 1, "capacity must be positive");
		Assert.notNull(wait, "wait cannot be null");
		this.capacity = capacity;
		this.room = new Semaphore(capacity, true);
		this.wait = wait;
	}

	/** A queue for {@code cost}'s slots and queue settings. */
	static HashingQueue of(IdentityProperties.Argon2 cost) {
		return new HashingQueue(slots(cost) + cost.maxQueued(), cost.queueWait());
	}

	/** @return how many hashes are computed at once */
	static int slots(IdentityProperties.Argon2 cost) {
		return (cost.maxConcurrent() > 0) ? cost.maxConcurrent() : Runtime.getRuntime().availableProcessors();
	}

	/**
	 * Take a place in the queue, waiting at most the configured time; every place taken must be given
	 * back with {@link #leave()}.
	 * @throws HashingBusyException if there was no room
	 */
	void enter() {
		boolean entered;
		try {
			entered = this.room.tryAcquire(this.wait.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			entered = false;
		}
		if (!entered) {
			throw new HashingBusyException(1);
		}
	}

	void leave() {
		this.room.release();
	}

	/** @return how many hashes may be computed or waiting at once */
	int capacity() {
		return this.capacity;
	}

}
