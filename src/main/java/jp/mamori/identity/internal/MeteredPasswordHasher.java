package jp.mamori.identity.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.util.Assert;

/**
 * Times every Argon2id computation ({@code mamori.identity.password.hash}, tagged by operation), so that
 * an operator sees what the hash costs and what a sign-in costs besides it (docs/performance.md). The
 * time includes waiting for a free hashing slot.
 */
final class MeteredPasswordHasher implements PasswordHasher {

	static final String METER = "mamori.identity.password.hash";

	private final PasswordHasher delegate;

	private final Timer hashing;

	private final Timer verifying;

	private final Timer dummies;

	MeteredPasswordHasher(PasswordHasher delegate, MeterRegistry registry) {
		Assert.notNull(delegate, "delegate cannot be null");
		Assert.notNull(registry, "registry cannot be null");
		this.delegate = delegate;
		this.hashing = timer(registry, "hash");
		this.verifying = timer(registry, "verify");
		this.dummies = timer(registry, "dummy");
	}

	private static Timer timer(MeterRegistry registry, String operation) {
		return Timer.builder(METER)
			.description("Argon2id computations, including the wait for a hashing slot")
			.tag("operation", operation)
			.register(registry);
	}

	@Override
	public String hash(String password) {
		return this.hashing.record(() -> this.delegate.hash(password));
	}

	@Override
	public boolean verify(String password, String hash) {
		return this.verifying.record(() -> this.delegate.verify(password, hash));
	}

	@Override
	public void verifyDummy(String password) {
		this.dummies.record(() -> this.delegate.verifyDummy(password));
	}

	@Override
	public boolean needsRehash(String hash) {
		return this.delegate.needsRehash(hash);
	}

}
