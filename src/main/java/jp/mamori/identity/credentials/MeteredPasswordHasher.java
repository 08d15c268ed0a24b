package jp.mamori.identity.credentials;

import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.util.Assert;

/**
 * Times every Argon2id computation ({@code mamori.identity.password.hash}, tagged by operation), so that
 * an operator sees what the hash costs and what a sign-in costs besides it (docs/performance.md). The
 * time includes waiting for a free hashing slot. Each computation is also counted against the HTTP
 * request it serves ({@link TimeBesidesHash}). A computation refused because the queue was full
 * ({@link HashingBusyException}) is not timed but counted ({@code mamori.identity.password.hash.refused}).
 */
final class MeteredPasswordHasher implements PasswordHasher {

	static final String METER = "mamori.identity.password.hash";

	private final PasswordHasher delegate;

	private final Timer hashing;

	private final Timer verifying;

	private final Timer dummies;

	private final ObservationRegistry observations;

	private final Counter refused;

	MeteredPasswordHasher(PasswordHasher delegate, MeterRegistry registry) {
		this(delegate, registry, ObservationRegistry.NOOP);
	}

	MeteredPasswordHasher(PasswordHasher delegate, MeterRegistry registry, ObservationRegistry observations) {
		Assert.notNull(delegate, "delegate cannot be null");
		Assert.notNull(registry, "registry cannot be null");
		Assert.notNull(observations, "observations cannot be null");
		this.delegate = delegate;
		this.observations = observations;
		this.hashing = timer(registry, "hash");
		this.verifying = timer(registry, "verify");
		this.dummies = timer(registry, "dummy");
		this.refused = Counter.builder(METER + ".refused")
			.description("Argon2id computations refused because the slots and their queue were full")
			.register(registry);
	}

	private static Timer timer(MeterRegistry registry, String operation) {
		return Timer.builder(METER)
			.description("Argon2id computations, including the wait for a hashing slot")
			.tag("operation", operation)
			.register(registry);
	}

	@Override
	public String hash(String password) {
		return timed(this.hashing, () -> this.delegate.hash(password));
	}

	@Override
	public boolean verify(String password, String hash) {
		return timed(this.verifying, () -> this.delegate.verify(password, hash));
	}

	@Override
	public void verifyDummy(String password) {
		timed(this.dummies, () -> {
			this.delegate.verifyDummy(password);
			return null;
		});
	}

	private <T> T timed(Timer timer, Supplier<T> computation) {
		long start = System.nanoTime();
		boolean computed = false;
		try {
			T result = computation.get();
			computed = true;
			return result;
		}
		catch (HashingBusyException ex) {
			// Nothing was computed: counted apart, so the timers count only hashes that ran.
			this.refused.increment();
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			computed = true;
			throw ex;
		}
		finally {
			if (computed) {
				long nanos = System.nanoTime() - start;
				timer.record(nanos, TimeUnit.NANOSECONDS);
				TimeBesidesHash.hashed(this.observations, nanos);
			}
		}
	}

	@Override
	public boolean needsRehash(String hash) {
		return this.delegate.needsRehash(hash);
	}

}
