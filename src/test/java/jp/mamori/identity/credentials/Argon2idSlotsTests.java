package jp.mamori.identity.credentials;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hashes run on Mamori's own hashing threads, at most {@code max-concurrent} at once, and never on the
 * caller's (virtual) thread, which a native call would pin to its carrier.
 */
class Argon2idSlotsTests {

	private final Argon2idHasher hasher = new Argon2idHasher(new IdentityProperties.Argon2(19456, 2, 1, 2));

	@Test
	void aHashRunsOnAHashingThreadNotOnTheCallersVirtualThread() throws Exception {
		List<String> names = new ArrayList<>();
		Thread caller = Thread.ofVirtual().start(() -> {
			names.add(this.hasher.onSlot(() -> Thread.currentThread().getName()));
			names.add(String.valueOf(this.hasher.onSlot(() -> Thread.currentThread().isVirtual())));
			String hash = this.hasher.hash("correct horse battery staple");
			names.add(String.valueOf(this.hasher.verify("correct horse battery staple", hash)));
		});
		assertThat(caller.join(java.time.Duration.ofSeconds(30))).isTrue();
		assertThat(names).containsExactly(names.get(0), "false", "true");
		assertThat(names.get(0)).startsWith("argon2-");
	}

	@Test
	void noMoreThanMaxConcurrentHashesRunAtOnceAndTheRestWaitTheirTurn() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch twoRunning = new CountDownLatch(2);
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		AtomicInteger done = new AtomicInteger();
		List<Thread> callers = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			callers.add(Thread.ofVirtual().start(() -> this.hasher.onSlot(() -> {
				most.accumulateAndGet(running.incrementAndGet(), Math::max);
				twoRunning.countDown();
				await(release);
				running.decrementAndGet();
				return done.incrementAndGet();
			})));
		}
		assertThat(twoRunning.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(done.get()).as("the others wait for a slot").isZero();
		release.countDown();
		for (Thread caller : callers) {
			assertThat(caller.join(java.time.Duration.ofSeconds(30))).isTrue();
		}
		assertThat(done.get()).isEqualTo(5);
		assertThat(most.get()).isEqualTo(2);
	}

	@Test
	void aHashThatFindsTheSlotAndItsQueueFullIsRefusedAtOnceAndTheQueueServesAgainOnceItEmpties() {
		IdentityProperties.Argon2 cost = new IdentityProperties.Argon2(19456, 2, 1, 1, 1,
				java.time.Duration.ofMillis(50));
		HashingQueue queue = HashingQueue.of(cost);
		assertThat(queue.capacity()).as("one slot and one place to wait").isEqualTo(2);
		Argon2idHasher small = new Argon2idHasher(cost, queue);
		queue.enter();
		queue.enter();
		long start = System.nanoTime();
		try {
			small.onSlot(() -> 3);
			throw new AssertionError("a full queue let a hash in");
		}
		catch (HashingBusyException ex) {
			assertThat(ex.retryAfterSeconds()).isEqualTo(1);
		}
		assertThat(System.nanoTime() - start).as("refused after the short wait, not after a hash")
			.isLessThan(java.time.Duration.ofSeconds(5).toNanos());
		queue.leave();
		assertThat(small.onSlot(() -> 4)).isEqualTo(4);
		queue.leave();
	}

	@Test
	void aFailureOnTheHashingThreadReachesTheCaller() {
		IllegalStateException failure = new IllegalStateException("refused");
		try {
			this.hasher.onSlot(() -> {
				throw failure;
			});
			throw new AssertionError("no failure");
		}
		catch (IllegalStateException ex) {
			assertThat(ex).isSameAs(failure);
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
