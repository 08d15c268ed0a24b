package jp.mamori.audit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * Appends unchained entries to the hash chain and signs a checkpoint, one round per transaction, on
 * the sealer's own pool and role (the application's role cannot write the chain or its checkpoints).
 *
 * <p>Security decision: a round chains only entries whose writing transaction id lies below
 * {@code pg_snapshot_xmin(pg_current_snapshot())}. Every transaction below that horizon has committed
 * or aborted, so no entry can appear later with a place before the chain's end; entries are chained in
 * (txid, id) order, which makes the order a property {@code verify} can check. Only one round runs at
 * a time across all nodes ({@value #LOCK} advisory lock); the primary key on {@code seq} is the
 * backstop if that ever failed. Before extending the chain a round proves its head is Mamori's own
 * ({@link ChainHead}) and stops loudly otherwise; an entry whose MAC does not hold is not chained but
 * recorded as rejected and reported.
 */
final class ChainSealer {

	/** Advisory lock key of the sealer: "MAMORIAU" in ASCII. */
	static final long LOCK = 0x4d414d4f52494155L;

	private static final Logger logger = LoggerFactory.getLogger(ChainSealer.class);

	private static final Duration ANCHOR_LOG_INTERVAL = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final TransactionTemplate transactions;

	private final CheckpointSigner signer;

	private final EntryMac macs;

	private final SealingWatch watch;

	private final Clock clock;

	private final int batchSize;

	private volatile Instant lastAnchorLog = Instant.EPOCH;

	ChainSealer(JdbcTemplate jdbcTemplate, TransactionTemplate transactions, CheckpointSigner signer, EntryMac macs,
			SealingWatch watch, Clock clock, int batchSize) {
		Assert.notNull(jdbcTemplate, "jdbcTemplate cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(signer, "signer cannot be null");
		Assert.notNull(macs, "macs cannot be null");
		Assert.notNull(watch, "watch cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		Assert.isTrue(batchSize > 0, "batchSize must be positive");
		this.jdbc = JdbcClient.create(jdbcTemplate);
		this.batch = jdbcTemplate;
		this.transactions = transactions;
		this.signer = signer;
		this.macs = macs;
		this.watch = watch;
		this.clock = clock;
		this.batchSize = batchSize;
	}

	/**
	 * Seal everything sealable, waiting for a round another node may be running.
	 * @return entries chained
	 * @throws SealingHaltedException if the chain's head is not provably Mamori's
	 */
	long sealAll() {
		return sealWhileFull(true);
	}

	/**
	 * Seal what can be sealed now, unless another node is sealing (then it will).
	 * @return entries chained
	 * @throws SealingHaltedException if the chain's head is not provably Mamori's
	 */
	long sealIfFree() {
		return sealWhileFull(false);
	}

	private long sealWhileFull(boolean wait) {
		long total = 0;
		Round round;
		do {
			round = round(wait);
			total += round.chained();
		}
		while (round.examined() == this.batchSize);
		return total;
	}

	private Round round(boolean wait) {
		Round round = this.transactions.execute((status) -> {
			if (wait) {
				this.jdbc.sql("set local lock_timeout = '60s'").update();
				this.jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query().singleValue();
			}
			else if (!this.jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single()) {
				return Round.NONE;
			}
			return sealLocked();
		});
		if (round == null || round == Round.NONE) {
			return Round.NONE;
		}
		// Reported after the commit: an event must not hang on the sealer's transaction.
		this.watch.afterRound(round.halt(), round.rejected());
		if (round.halt() != null) {
			throw new SealingHaltedException(round.halt());
		}
		return round;
	}

	private Round sealLocked() {
		long horizon = this.jdbc.sql("select pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
			.query(Long.class)
			.single();
		ChainHead head = ChainHead.read(this.jdbc, this.signer);
		if (head.halt() != null) {
			return new Round(0, 0, List.of(), head.halt());
		}
		long macRequiredFrom = this.jdbc.sql("select first_entry_id from audit_mac_required")
			.query(Long.class)
			.optional()
			.orElse(Long.MAX_VALUE);
		List<ChainHashes.StoredEntry> entries = this.jdbc
			.sql("select " + ChainHashes.StoredEntry.COLUMNS + " from audit_entry e "
					+ "where e.txid >= ?::text::xid8 and e.txid < ?::text::xid8 and (e.txid, e.id) > (?::text::xid8, ?) "
					+ "and not exists (select 1 from audit_chain c where c.entry_id = e.id) "
					+ "and not exists (select 1 from audit_rejected_entry r where r.entry_id = e.id) "
					+ "order by e.txid, e.id limit ?")
			.params(head.watermark(), horizon, head.txid(), head.entryId(), this.batchSize)
			.query((rs, row) -> ChainHashes.StoredEntry.read(rs, 1))
			.list();
		if (entries.isEmpty()) {
			return Round.EMPTY;
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		OffsetDateTime stamp = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
		EntryMac.Checker checker = this.macs.checker();
		ChainHashes hashes = new ChainHashes();
		List<Object[]> links = new ArrayList<>(entries.size());
		List<Object[]> refused = new ArrayList<>();
		List<UUID> rejected = new ArrayList<>();
		byte[] previous = head.chainHash();
		long seq = head.seq();
		for (ChainHashes.StoredEntry entry : entries) {
			if (entry.id() >= macRequiredFrom && !checker.authentic(entry)) {
				refused.add(new Object[] { entry.id(), "mac_invalid", stamp });
				rejected.add(entry.uuid());
				continue;
			}
			seq++;
			previous = hashes.link(previous, seq, entry);
			links.add(new Object[] { seq, entry.id(), previous });
		}
		if (!refused.isEmpty()) {
			this.batch.batchUpdate("insert into audit_rejected_entry (entry_id, reason, detected_at) values (?, ?, ?)",
					refused);
		}
		if (links.isEmpty()) {
			return new Round(entries.size(), 0, rejected, null);
		}
		this.batch.batchUpdate("insert into audit_chain (seq, entry_id, chain_hash) values (?, ?, ?)", links);
		// A full batch may have left entries of its last transaction behind: resume from that txid.
		long newWatermark = (entries.size() < this.batchSize) ? horizon : entries.get(entries.size() - 1).txid();
		byte[] signature = this.signer.sign(seq, previous, newWatermark, now);
		this.jdbc
			.sql("insert into audit_checkpoint (seq, chain_hash, xid_watermark, key_id, signature, created_at) "
					+ "values (?, ?, ?::text::xid8, ?, ?, ?)")
			.params(seq, previous, newWatermark, this.signer.keyId(), signature, stamp)
			.update();
		anchor(seq, previous, now);
		return new Round(entries.size(), links.size(), rejected, null);
	}

	/**
	 * The database cannot prove its own tail was not cut off together with its checkpoints; a copy of
	 * a recent checkpoint outside it can. The application log, shipped elsewhere, carries one a minute.
	 */
	private void anchor(long seq, byte[] chainHash, Instant now) {
		if (Duration.between(this.lastAnchorLog, now).compareTo(ANCHOR_LOG_INTERVAL) >= 0) {
			this.lastAnchorLog = now;
			logger.info("Operation log checkpoint seq={} chain_hash={} key_id={}", seq,
					HexFormat.of().formatHex(chainHash), this.signer.keyId());
		}
	}

	/**
	 * @param examined entries looked at
	 * @param chained entries chained
	 * @param rejected entries refused for their MAC
	 * @param halt why the round refused to build on the chain's head, or {@code null}
	 */
	private record Round(int examined, int chained, List<UUID> rejected, ChainHead.Halt halt) {

		/** Another node holds the lock. */
		static final Round NONE = new Round(0, 0, List.of(), null);

		/** The head is sound and nothing waits. */
		static final Round EMPTY = new Round(0, 0, List.of(), null);

	}

}
