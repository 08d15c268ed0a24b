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

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * Appends unchained entries to the hash chain and signs a checkpoint, one round per transaction.
 *
 * <p>Security decision: a round chains only entries whose writing transaction id lies below
 * {@code pg_snapshot_xmin(pg_current_snapshot())}. Every transaction below that horizon has committed
 * or aborted, so no entry can appear later with a place before the chain's end; entries are chained in
 * (txid, id) order, which makes the order a property {@code verify} can check. Only one round runs at
 * a time across all nodes ({@value #LOCK} advisory lock); the primary key on {@code seq} is the
 * backstop if that ever failed.
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

	private final Clock clock;

	private final int batchSize;

	private volatile Instant lastAnchorLog = Instant.EPOCH;

	ChainSealer(JdbcTemplate jdbcTemplate, TransactionTemplate transactions, CheckpointSigner signer, Clock clock,
			int batchSize) {
		Assert.notNull(jdbcTemplate, "jdbcTemplate cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(signer, "signer cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		Assert.isTrue(batchSize > 0, "batchSize must be positive");
		this.jdbc = JdbcClient.create(jdbcTemplate);
		this.batch = jdbcTemplate;
		this.transactions = transactions;
		this.signer = signer;
		this.clock = clock;
		this.batchSize = batchSize;
	}

	/**
	 * Seal everything sealable, waiting for a round another node may be running.
	 * @return entries chained
	 */
	long sealAll() {
		long total = 0;
		int sealed;
		do {
			sealed = round(true);
			total += sealed;
		}
		while (sealed == this.batchSize);
		return total;
	}

	/**
	 * Seal what can be sealed now, unless another node is sealing (then it will).
	 * @return entries chained
	 */
	long sealIfFree() {
		long total = 0;
		int sealed;
		do {
			sealed = round(false);
			total += sealed;
		}
		while (sealed == this.batchSize);
		return total;
	}

	private int round(boolean wait) {
		Integer sealed = this.transactions.execute((status) -> {
			if (wait) {
				this.jdbc.sql("set local lock_timeout = '60s'").update();
				this.jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query().singleValue();
			}
			else if (!this.jdbc.sql("select pg_try_advisory_xact_lock(?)").param(LOCK).query(Boolean.class).single()) {
				return 0;
			}
			return sealLocked();
		});
		return (sealed != null) ? sealed : 0;
	}

	private int sealLocked() {
		long horizon = this.jdbc.sql("select pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
			.query(Long.class)
			.single();
		Head head = this.jdbc
			.sql("select c.seq, c.chain_hash, coalesce(e.txid::text::bigint, 0), coalesce(e.id, 0) from audit_chain c "
					+ "left join audit_entry e on e.id = c.entry_id order by c.seq desc limit 1")
			.query((rs, row) -> new Head(rs.getLong(1), rs.getBytes(2), rs.getLong(3), rs.getLong(4)))
			.optional()
			.orElse(new Head(0, ChainHashes.GENESIS, 0, 0));
		long watermark = this.jdbc
			.sql("select xid_watermark::text::bigint from audit_checkpoint order by seq desc limit 1")
			.query(Long.class)
			.optional()
			.orElse(0L);
		List<ChainHashes.StoredEntry> entries = this.jdbc
			.sql("select " + ChainHashes.StoredEntry.COLUMNS + " from audit_entry e "
					+ "where e.txid >= ?::text::xid8 and e.txid < ?::text::xid8 and (e.txid, e.id) > (?::text::xid8, ?) "
					+ "and not exists (select 1 from audit_chain c where c.entry_id = e.id) "
					+ "order by e.txid, e.id limit ?")
			.params(watermark, horizon, head.txid(), head.entryId(), this.batchSize)
			.query((rs, row) -> ChainHashes.StoredEntry.read(rs, 1))
			.list();
		if (entries.isEmpty()) {
			return 0;
		}
		ChainHashes hashes = new ChainHashes();
		List<Object[]> links = new ArrayList<>(entries.size());
		byte[] previous = head.chainHash();
		long seq = head.seq();
		for (ChainHashes.StoredEntry entry : entries) {
			seq++;
			previous = hashes.link(previous, seq, entry);
			links.add(new Object[] { seq, entry.id(), previous });
		}
		this.batch.batchUpdate("insert into audit_chain (seq, entry_id, chain_hash) values (?, ?, ?)", links);
		// A full batch may have left entries of its last transaction behind: resume from that txid.
		long newWatermark = (entries.size() < this.batchSize) ? horizon : entries.get(entries.size() - 1).txid();
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		byte[] signature = this.signer.sign(seq, previous, newWatermark, now);
		this.jdbc
			.sql("insert into audit_checkpoint (seq, chain_hash, xid_watermark, key_id, signature, created_at) "
					+ "values (?, ?, ?::text::xid8, ?, ?, ?)")
			.params(seq, previous, newWatermark, this.signer.keyId(), signature, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
			.update();
		anchor(seq, previous, now);
		return entries.size();
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

	private record Head(long seq, byte[] chainHash, long txid, long entryId) {
	}

}
