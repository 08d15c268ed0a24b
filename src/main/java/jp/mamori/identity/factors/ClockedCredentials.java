package jp.mamori.identity.factors;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.util.Assert;

/**
 * Stores credential records with the times of Mamori's clock: a new record is created and last used
 * now, a record saved again (after a sign-in) was last used now. The relying party itself reads the
 * system clock; every schedule in Mamori reads the injected one, so that tests can move it.
 */
final class ClockedCredentials implements UserCredentialRepository {

	private final UserCredentialRepository delegate;

	private final Clock clock;

	ClockedCredentials(UserCredentialRepository delegate, Clock clock) {
		Assert.notNull(delegate, "delegate cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.delegate = delegate;
		this.clock = clock;
	}

	@Override
	public void save(CredentialRecord record) {
		Instant now = this.clock.instant();
		CredentialRecord stored = this.delegate.findByCredentialId(record.getCredentialId());
		Instant created = (stored != null) ? stored.getCreated() : now;
		this.delegate.save(ImmutableCredentialRecord.fromCredentialRecord(record).created(created).lastUsed(now).build());
	}

	@Override
	public void delete(Bytes credentialId) {
		this.delegate.delete(credentialId);
	}

	@Override
	public CredentialRecord findByCredentialId(Bytes credentialId) {
		return this.delegate.findByCredentialId(credentialId);
	}

	@Override
	public List<CredentialRecord> findByUserId(Bytes userId) {
		return this.delegate.findByUserId(userId);
	}

}
