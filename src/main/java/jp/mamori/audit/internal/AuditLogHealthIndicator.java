package jp.mamori.audit.internal;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.Assert;

/**
 * {@code auditLog} in {@code /actuator/health}: DOWN while the sealer refuses a forged head or an
 * entry has waited beyond {@code mamori.audit.max-unsealed-age}. Details hold reason codes, sequence
 * numbers and an entry UUID only. Not part of the liveness or readiness groups: a restart would not
 * cure it.
 */
final class AuditLogHealthIndicator implements HealthIndicator {

	private final SealingWatch watch;

	AuditLogHealthIndicator(SealingWatch watch) {
		Assert.notNull(watch, "watch cannot be null");
		this.watch = watch;
	}

	@Override
	public Health health() {
		SealingWatch.Status status = this.watch.check();
		Health.Builder builder = status.healthy() ? Health.up() : Health.down();
		builder.withDetail("oldestUnsealedAgeSeconds", status.oldestUnsealedAge().toSeconds());
		if (status.halt() != null) {
			builder.withDetail("halted", status.halt().reason())
				.withDetail("checkpointSeq", status.halt().checkpointSeq())
				.withDetail("chainSeq", status.halt().chainSeq());
		}
		if (status.stalledEntry() != null) {
			builder.withDetail("stalledEntry", status.stalledEntry().toString());
		}
		return builder.build();
	}

}
