package jp.mamori.audit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.mamori.audit.AuditSecurityEvents;
import jp.mamori.platform.SecurityEvents;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * Notices when sealing stops: the sealer refused a forged head (halted), or an entry has waited longer
 * than {@code mamori.audit.max-unsealed-age} (stalled, e.g. the sealer failing or not running on any
 * node), and reports entries the sealer refused as forged. Each becomes a security event (once per
 * episode on this node), a metric and the health indicator's state.
 *
 * <p>Security decision: the check does not depend on the sealer running; it reads the database on its
 * own schedule and whenever health is asked for, with the injected clock.
 */
final class SealingWatch {

	static final String HALTED_GAUGE = "mamori.audit.sealing.halted";

	static final String OLDEST_UNSEALED_GAUGE = "mamori.audit.unsealed.oldest.age";

	static final String FORGED_COUNTER = "mamori.audit.entries.forged";

	private static final Logger logger = LoggerFactory.getLogger(SealingWatch.class);

	private final JdbcClient jdbc;

	private final CheckpointSigner signer;

	private final SecurityEvents events;

	private final Clock clock;

	private final Duration maxUnsealedAge;

	private final AtomicReference<ChainHead.Halt> halt = new AtomicReference<>();

	private final AtomicLong oldestUnsealedSeconds = new AtomicLong();

	private final AtomicBoolean stalled = new AtomicBoolean();

	private final Counter forged;

	SealingWatch(JdbcClient jdbc, CheckpointSigner signer, SecurityEvents events, MeterRegistry meters, Clock clock,
			Duration maxUnsealedAge) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(signer, "signer cannot be null");
		Assert.notNull(events, "events cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		Assert.isTrue(maxUnsealedAge != null && maxUnsealedAge.isPositive(), "maxUnsealedAge must be positive");
		this.jdbc = jdbc;
		this.signer = signer;
		this.events = events;
		this.clock = clock;
		this.maxUnsealedAge = maxUnsealedAge;
		Gauge.builder(HALTED_GAUGE, this.halt, (state) -> (state.get() != null) ? 1 : 0)
			.description("1 while the sealer refuses to extend a chain whose head it cannot prove is Mamori's")
			.register(meters);
		Gauge.builder(OLDEST_UNSEALED_GAUGE, this.oldestUnsealedSeconds, AtomicLong::get)
			.description("Age of the oldest entry still waiting to be sealed")
			.baseUnit("seconds")
			.register(meters);
		this.forged = Counter.builder(FORGED_COUNTER)
			.description("Entries the sealer refused because their MAC does not hold")
			.register(meters);
	}

	/** What a sealing round found; called outside its transaction. */
	void afterRound(ChainHead.Halt roundHalt, List<UUID> rejected) {
		if (!rejected.isEmpty()) {
			this.forged.increment(rejected.size());
			logger.error("The operation log holds {} entries without a valid MAC, first {}; they were not sealed",
					rejected.size(), rejected.get(0));
			this.events.publish(AuditSecurityEvents.ENTRY_FORGED,
					Map.of("entry_uuid", rejected.get(0).toString(), "count", Integer.toString(rejected.size())));
		}
		halted(roundHalt);
	}

	/**
	 * Look at the log now: is the head provably Mamori's, and how old is the oldest unsealed entry?
	 * @return the state found
	 */
	Status check() {
		ChainHead head = ChainHead.read(this.jdbc, this.signer);
		halted(head.halt());
		// Everything after the chain's last entry in commit order; rejected entries are reported apart.
		Oldest oldest = this.jdbc
			.sql("select e.entry_uuid, e.occurred_at from audit_entry e where e.txid >= ?::text::xid8 "
					+ "and not exists (select 1 from audit_chain c where c.entry_id = e.id) "
					+ "and not exists (select 1 from audit_rejected_entry r where r.entry_id = e.id) "
					+ "order by e.occurred_at limit 1")
			.param(head.txid())
			.query((rs, row) -> new Oldest(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class).toInstant()))
			.optional()
			.orElse(null);
		Instant now = this.clock.instant();
		Duration age = (oldest == null) ? Duration.ZERO : Duration.between(oldest.occurredAt(), now);
		this.oldestUnsealedSeconds.set(Math.max(0, age.toSeconds()));
		boolean stalledNow = oldest != null && age.compareTo(this.maxUnsealedAge) >= 0;
		if (stalledNow && this.stalled.compareAndSet(false, true)) {
			logger.error("Sealing of the operation log has stalled: entry {} has waited {}s (limit {})",
					oldest.uuid(), age.toSeconds(), this.maxUnsealedAge);
			this.events.publish(AuditSecurityEvents.SEALING_STALLED,
					Map.of("entry_uuid", oldest.uuid().toString(), "age_seconds", Long.toString(age.toSeconds())));
		}
		else if (!stalledNow) {
			this.stalled.set(false);
		}
		return new Status(this.halt.get(), stalledNow ? oldest.uuid() : null, age);
	}

	/** Run {@link #check()} on a schedule: a failure is logged, never thrown into the scheduler. */
	void scheduledCheck() {
		try {
			check();
		}
		catch (RuntimeException ex) {
			logger.error("Checking the operation log's sealing failed", ex);
		}
	}

	private void halted(ChainHead.Halt now) {
		ChainHead.Halt before = this.halt.getAndSet(now);
		if (now != null && !Objects.equals(before, now)) {
			logger.error("Sealing of the operation log stopped: {}", now.explanation());
			this.events.publish(AuditSecurityEvents.SEALING_HALTED, Map.of("reason", now.reason(), "checkpoint_seq",
					Long.toString(now.checkpointSeq()), "chain_seq", Long.toString(now.chainSeq())));
		}
		else if (now == null && before != null) {
			logger.warn("Sealing of the operation log resumed on a head signed by Mamori's key");
		}
	}

	/**
	 * @param halt why sealing stopped, or {@code null}
	 * @param stalledEntry the oldest entry waiting beyond the limit, or {@code null}
	 * @param oldestUnsealedAge how long the oldest unsealed entry has waited
	 */
	record Status(ChainHead.Halt halt, UUID stalledEntry, Duration oldestUnsealedAge) {

		boolean healthy() {
			return this.halt == null && this.stalledEntry == null;
		}

	}

	private record Oldest(UUID uuid, Instant occurredAt) {
	}

}
