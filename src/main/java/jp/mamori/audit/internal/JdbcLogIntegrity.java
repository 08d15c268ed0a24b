package jp.mamori.audit.internal;

import jp.mamori.audit.LogIntegrity;
import jp.mamori.audit.Verification;

import org.springframework.util.Assert;

/** Seals with the {@link ChainSealer} and verifies with the {@link ChainVerifier}. */
final class JdbcLogIntegrity implements LogIntegrity {

	private final ChainSealer sealer;

	private final ChainVerifier verifier;

	JdbcLogIntegrity(ChainSealer sealer, ChainVerifier verifier) {
		Assert.notNull(sealer, "sealer cannot be null");
		Assert.notNull(verifier, "verifier cannot be null");
		this.sealer = sealer;
		this.verifier = verifier;
	}

	@Override
	public long seal() {
		return this.sealer.sealAll();
	}

	@Override
	public Verification verify() {
		return this.verifier.verify();
	}

}
