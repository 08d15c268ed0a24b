package jp.mamori.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import jp.mamori.audit.Verification;
import jp.mamori.audit.Verification.Problem;
import jp.mamori.audit.Verification.Reason;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * Verifies the whole log up to the chain's last row at the start, streaming the chain and the
 * checkpoints side by side so that memory stays flat however long the log is. Long chains are walked
 * in segments in parallel, each in a repeatable-read snapshot; rows are only ever inserted, so the
 * rows up to the first snapshot's last one are the same in every snapshot unless someone tampers
 * during the walk, which shows as a broken link.
 *
 * <p>Security decision: verification trusts nothing in the database but the signing key's public
 * half. Each chain row is recomputed from the entry's stored fields; each checkpoint's signature is
 * checked and its hash compared with the recomputed chain at its sequence number; a signed checkpoint
 * beyond the chain's end means the tail was cut; an entry left outside the chain longer than the
 * grace period (or behind the sealer's watermark) means the sealer was bypassed.
 */
final class ChainVerifier {

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final CheckpointSigner signer;

	private final EntryMac macs;

	private final Clock clock;

	private final Duration grace;

	private final int fetchSize;

	/** Segments shorter than this are not worth a connection of their own. */
	private final long minSegment;

	private final int parallelism = Math.max(1, Runtime.getRuntime().availableProcessors());

	ChainVerifier(JdbcClient jdbc, TransactionTemplate transactions, CheckpointSigner signer, EntryMac macs,
			Clock clock, Duration grace, int fetchSize, int minSegment) {
		Assert.notNull(macs, "macs cannot be null");
		this.macs = macs;
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(signer, "signer cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		Assert.notNull(grace, "grace cannot be null");
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactions.getTransactionManager());
		this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.transactions.setReadOnly(true);
		this.signer = signer;
		this.clock = clock;
		this.grace = grace;
		this.fetchSize = fetchSize;
		Assert.isTrue(minSegment > 0, "minSegment must be positive");
		this.minSegment = minSegment;
	}

	Verification verify() {
		Instant now = this.clock.instant();
		Bounds bounds = this.transactions.execute((status) -> this.jdbc
			.sql("select (select coalesce(max(seq), 0) from audit_chain), "
					+ "(select coalesce(max(seq), 0) from audit_checkpoint), "
					+ "(select coalesce(min(first_entry_id), " + Long.MAX_VALUE + ") from audit_mac_required)")
			.query((rs, row) -> new Bounds(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.single());
		List<Walk> walks = walkSegments(bounds);
		Problem problem = walks.stream()
			.map((walk) -> walk.problem)
			.filter(Objects::nonNull)
			.min(Comparator.comparing((Problem found) -> found.seq() == null ? Long.MAX_VALUE : found.seq()))
			.orElse(null);
		Walk last = walks.get(walks.size() - 1);
		long checked = walks.stream().mapToLong((walk) -> walk.checked).sum();
		long checkpoints = walks.stream().mapToLong((walk) -> walk.checkpointsChecked).sum();
		if (problem == null) {
			problem = beyondTheEnd(bounds, last);
		}
		if (problem == null) {
			problem = unsealed(now, walks.stream().mapToLong((walk) -> walk.lastWatermark).max().orElse(0),
					bounds.macRequiredFrom());
		}
		return new Verification(problem == null, checked, checkpoints, (problem == null) ? bounds.lastSeq() : last.lastSeq,
				problem, now);
	}

	/**
	 * The chain is cut into as many segments as there are processors and each is walked on its own
	 * connection. A segment starts from the stored hash of the row before it, which the previous
	 * segment checks as its last row, so together they check every link; the first problem overall is
	 * the one with the lowest sequence number.
	 */
	private List<Walk> walkSegments(Bounds bounds) {
		long lastSeq = bounds.lastSeq();
		int parts = (lastSeq < this.minSegment * 2L) ? 1
				: (int) Math.min(this.parallelism, lastSeq / this.minSegment);
		long size = (lastSeq + parts - 1) / Math.max(parts, 1);
		List<Walk> walks = new ArrayList<>();
		for (int i = 0; i < Math.max(parts, 1); i++) {
			long from = 1 + i * size;
			walks.add(new Walk(from, Math.min(lastSeq, from + size - 1), bounds.macRequiredFrom()));
		}
		if (walks.size() == 1) {
			walkInTransaction(walks.get(0));
			return walks;
		}
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> futures = new ArrayList<>();
			for (Walk walk : walks) {
				futures.add(executor.submit(() -> walkInTransaction(walk)));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Verification was interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex.getCause());
		}
		return walks;
	}

	private void walkInTransaction(Walk walk) {
		this.transactions.executeWithoutResult((status) -> {
			// Room to hash-join the chain with its entries in memory instead of spilling to disk.
			this.jdbc.sql("set local work_mem = '64MB'").update();
			try {
				if (walk.from > 1) {
					this.jdbc.sql("select c.seq, c.chain_hash, " + ChainHashes.StoredEntry.COLUMNS
							+ " from audit_chain c left join audit_entry e on e.id = c.entry_id where c.seq = ?")
						.param(walk.from - 1)
						.query(walk::predecessor);
				}
				try (Stream<Checkpoint> checkpoints = this.jdbc
					.sql("select seq, chain_hash, xid_watermark::text::bigint, key_id, signature, created_at "
							+ "from audit_checkpoint where seq between ? and ? order by seq")
					.params(walk.from, walk.to)
					.withFetchSize(1000)
					.query(ChainVerifier::checkpoint)
					.stream()) {
					walk.start(checkpoints.iterator());
					// The segment's entries lie between these ids; telling PostgreSQL so spares it a scan
					// of every entry for every segment. It does not change the join's result.
					long[] ids = this.jdbc
						.sql("select coalesce(min(entry_id), 0), coalesce(max(entry_id), 0) from audit_chain "
								+ "where seq between ? and ?")
						.params(walk.from, walk.to + 1)
						.query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) })
						.single();
					// One row past the segment lets a suspicious last row be told apart (altered or broken).
					this.jdbc.sql("select c.seq, c.chain_hash, " + ChainHashes.StoredEntry.COLUMNS
							+ " from audit_chain c left join audit_entry e on e.id = c.entry_id and e.id between ? and ? "
							+ "where c.seq between ? and ? order by c.seq")
						.params(ids[0], ids[1], walk.from, walk.to + 1)
						.withFetchSize(this.fetchSize)
						.query(walk::row);
					walk.finish();
				}
			}
			catch (Found found) {
				// The first problem ends the walk of this segment.
			}
		});
	}

	/** A signed checkpoint beyond the chain's last row means the tail was cut. */
	private Problem beyondTheEnd(Bounds bounds, Walk last) {
		if (bounds.lastCheckpoint() <= bounds.lastSeq()) {
			return null;
		}
		return this.transactions.execute((status) -> this.jdbc
			.sql("select seq, chain_hash, xid_watermark::text::bigint, key_id, signature, created_at "
					+ "from audit_checkpoint where seq > ? order by seq limit 1")
			.param(bounds.lastSeq())
			.query(ChainVerifier::checkpoint)
			.optional()
			.map((checkpoint) -> checkpoint.signedBy(this.signer)
					? new Problem(bounds.lastSeq() + 1, null, Reason.TRIMMED, "the chain ends at seq "
							+ bounds.lastSeq() + " but a signed checkpoint covers seq " + checkpoint.seq())
					: new Problem(checkpoint.seq(), null, Reason.CHECKPOINT_SIGNATURE_INVALID,
							"a checkpoint beyond the chain's end is not signed by Mamori's key"))
			.orElse(null));
	}

	/**
	 * An entry outside the chain that should be in it: one the sealer refused (always), or one older
	 * than the grace period or behind the watermark. Without a valid MAC it is a forgery; with one, a
	 * genuine entry that was kept out of the chain.
	 */
	private Problem unsealed(Instant now, long watermark, long macRequiredFrom) {
		return this.transactions.execute((status) -> this.jdbc
			.sql("select " + ChainHashes.StoredEntry.COLUMNS + " from audit_entry e where (e.occurred_at < ? "
					+ "or e.txid < ?::text::xid8 or exists (select 1 from audit_rejected_entry r where r.entry_id = e.id)) "
					+ "and not exists (select 1 from audit_chain c where c.entry_id = e.id) order by e.id limit 1")
			.params(OffsetDateTime.ofInstant(now.minus(this.grace), ZoneOffset.UTC), watermark)
			.query((rs, row) -> ChainHashes.StoredEntry.read(rs, 1))
			.optional()
			.map((entry) -> (entry.id() >= macRequiredFrom && !this.macs.checker().authentic(entry))
					? new Problem(null, entry.uuid(), Reason.ENTRY_FORGED,
							"an entry without a valid MAC of Mamori's key was kept out of the chain: it was forged")
					: new Problem(null, entry.uuid(), Reason.UNSEALED, "an entry older than the sealing grace period "
							+ "(or behind the sealer's watermark) is not in the chain"))
			.orElse(null));
	}

	private static Checkpoint checkpoint(ResultSet rs, int row) throws SQLException {
		return new Checkpoint(rs.getLong(1), rs.getBytes(2), rs.getLong(3), rs.getString(4), rs.getBytes(5),
				rs.getObject(6, OffsetDateTime.class).toInstant());
	}

	/** The state of one walk along the chain. */
	private final class Walk {

		private final long from;

		private final long to;

		private Iterator<Checkpoint> checkpoints;

		private final ChainHashes hashes = new ChainHashes();

		private final EntryMac.Checker macChecker = ChainVerifier.this.macs.checker();

		private final long macRequiredFrom;

		private Checkpoint nextCheckpoint;

		private byte[] previous = ChainHashes.GENESIS;

		private long lastSeq;

		private long lastTxid = -1;

		private long lastId = -1;

		private long lastWatermark;

		private long checked;

		private long checkpointsChecked;

		private Pending pending;

		private Problem problem;

		Walk(long from, long to, long macRequiredFrom) {
			this.macRequiredFrom = macRequiredFrom;
			this.from = from;
			this.to = to;
			this.lastSeq = from - 1;
		}

		void start(Iterator<Checkpoint> checkpoints) {
			this.checkpoints = checkpoints;
			this.nextCheckpoint = checkpoints.hasNext() ? checkpoints.next() : null;
		}

		/** The row before the segment: its stored hash is where this segment's chain continues. */
		void predecessor(ResultSet rs) throws SQLException {
			this.previous = rs.getBytes(2);
			if (rs.getObject(3) != null) {
				ChainHashes.StoredEntry entry = ChainHashes.StoredEntry.read(rs, 3);
				this.lastTxid = entry.txid();
				this.lastId = entry.id();
			}
		}

		void row(ResultSet rs) throws SQLException {
			long seq = rs.getLong(1);
			if (seq > this.to && this.pending == null) {
				return;
			}
			byte[] stored = rs.getBytes(2);
			boolean missing = rs.getObject(3) == null;
			ChainHashes.StoredEntry entry = missing ? null : ChainHashes.StoredEntry.read(rs, 3);
			if (this.pending != null) {
				// Does this row link to the suspicious row's stored hash? Then only that entry changed.
				boolean linked = !missing && seq == this.pending.seq + 1
						&& Arrays.equals(stored, this.hashes.link(this.pending.stored, seq, entry));
				fail(this.pending.seq, this.pending.uuid, linked ? Reason.ENTRY_ALTERED : Reason.CHAIN_BROKEN,
						linked ? "the entry no longer hashes to the value chained for it"
								: "the chain row does not follow from the one before it");
			}
			if (seq != this.lastSeq + 1) {
				fail(this.lastSeq + 1, null, Reason.SEQUENCE_GAP, "chain row " + (this.lastSeq + 1) + " is missing");
			}
			if (missing) {
				fail(seq, null, Reason.ENTRY_MISSING, "the chained entry no longer exists");
			}
			byte[] computed = this.hashes.link(this.previous, seq, entry);
			if (!Arrays.equals(computed, stored)) {
				this.pending = new Pending(seq, entry.uuid(), stored);
				return;
			}
			if (entry.txid() < this.lastTxid || (entry.txid() == this.lastTxid && entry.id() <= this.lastId)) {
				fail(seq, entry.uuid(), Reason.OUT_OF_ORDER, "the entry is chained out of commit order");
			}
			if (entry.id() >= this.macRequiredFrom && !this.macChecker.authentic(entry)) {
				fail(seq, entry.uuid(), Reason.ENTRY_FORGED, "the entry does not carry a valid MAC of Mamori's key");
			}
			checkCheckpoint(seq, entry.uuid(), computed);
			this.previous = computed;
			this.lastSeq = seq;
			this.lastTxid = entry.txid();
			this.lastId = entry.id();
			this.checked++;
		}

		private void checkCheckpoint(long seq, UUID uuid, byte[] chainHash) {
			while (this.nextCheckpoint != null && this.nextCheckpoint.seq() <= seq) {
				Checkpoint checkpoint = this.nextCheckpoint;
				this.nextCheckpoint = this.checkpoints.hasNext() ? this.checkpoints.next() : null;
				boolean signed = checkpoint.signedBy(ChainVerifier.this.signer);
				if (!signed) {
					fail(checkpoint.seq(), uuid, Reason.CHECKPOINT_SIGNATURE_INVALID,
							"the checkpoint at seq " + checkpoint.seq() + " is not signed by Mamori's key");
				}
				if (checkpoint.seq() != seq || !Arrays.equals(checkpoint.chainHash(), chainHash)) {
					fail(checkpoint.seq(), uuid, Reason.CHECKPOINT_MISMATCH, "the chain up to seq " + checkpoint.seq()
							+ " differs from what was signed: it was rewritten after the last good checkpoint");
				}
				this.lastWatermark = checkpoint.watermark();
				this.checkpointsChecked++;
			}
		}

		void finish() {
			if (this.pending != null) {
				fail(this.pending.seq, this.pending.uuid, Reason.ENTRY_ALTERED,
						"the entry no longer hashes to the value chained for it");
			}
			if (this.lastSeq < this.to) {
				fail(this.lastSeq + 1, null, Reason.SEQUENCE_GAP, "chain row " + (this.lastSeq + 1) + " is missing");
			}
		}

		void fail(Long seq, UUID uuid, Reason reason, String explanation) {
			this.problem = new Problem(seq, uuid, reason, explanation);
			throw Found.INSTANCE;
		}

	}

	private record Pending(long seq, UUID uuid, byte[] stored) {
	}

	private record Bounds(long lastSeq, long lastCheckpoint, long macRequiredFrom) {
	}

	private record Checkpoint(long seq, byte[] chainHash, long watermark, String keyId, byte[] signature,
			Instant createdAt) {

		boolean signedBy(CheckpointSigner signer) {
			return signer.verify(this.seq, this.chainHash, this.watermark, this.createdAt, this.keyId, this.signature);
		}

	}

	/** Ends the walk at the first problem, without the cost of a stack trace. */
	private static final class Found extends RuntimeException {

		static final Found INSTANCE = new Found();

		private Found() {
			super(null, null, false, false);
		}

	}

}
