package jp.mamori.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Iterator;
import java.util.UUID;
import java.util.stream.Stream;

import jp.mamori.audit.Verification;
import jp.mamori.audit.Verification.Problem;
import jp.mamori.audit.Verification.Reason;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * Verifies the whole log in one consistent snapshot (repeatable read), streaming the chain and the
 * checkpoints side by side so that memory stays flat however long the log is.
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

	private final Clock clock;

	private final Duration grace;

	private final int fetchSize;

	ChainVerifier(JdbcClient jdbc, TransactionTemplate transactions, CheckpointSigner signer, Clock clock,
			Duration grace, int fetchSize) {
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
	}

	Verification verify() {
		Instant now = this.clock.instant();
		return this.transactions.execute((status) -> {
			try (Stream<Checkpoint> checkpoints = this.jdbc
				.sql("select seq, chain_hash, xid_watermark::text::bigint, key_id, signature, created_at "
						+ "from audit_checkpoint order by seq")
				.withFetchSize(1000)
				.query(ChainVerifier::checkpoint)
				.stream()) {
				Walk walk = new Walk(checkpoints.iterator());
				try {
					this.jdbc.sql("select c.seq, c.chain_hash, " + ChainHashes.StoredEntry.COLUMNS
							+ " from audit_chain c left join audit_entry e on e.id = c.entry_id order by c.seq")
						.withFetchSize(this.fetchSize)
						.query(walk::row);
					walk.finish();
					unsealed(walk, now);
				}
				catch (Found found) {
					// The first problem ends the walk.
				}
				return new Verification(walk.problem == null, walk.checked, walk.checkpointsChecked, walk.lastSeq,
						walk.problem, now);
			}
		});
	}

	private void unsealed(Walk walk, Instant now) {
		this.jdbc
			.sql("select e.entry_uuid from audit_entry e where (e.occurred_at < ? or e.txid < ?::text::xid8) "
					+ "and not exists (select 1 from audit_chain c where c.entry_id = e.id) order by e.id limit 1")
			.params(OffsetDateTime.ofInstant(now.minus(this.grace), ZoneOffset.UTC), walk.lastWatermark)
			.query(UUID.class)
			.optional()
			.ifPresent((uuid) -> walk.fail(null, uuid, Reason.UNSEALED,
					"an entry older than the sealing grace period (or behind the sealer's watermark) is not in the chain"));
	}

	private static Checkpoint checkpoint(ResultSet rs, int row) throws SQLException {
		return new Checkpoint(rs.getLong(1), rs.getBytes(2), rs.getLong(3), rs.getString(4), rs.getBytes(5),
				rs.getObject(6, OffsetDateTime.class).toInstant());
	}

	/** The state of one walk along the chain. */
	private final class Walk {

		private final Iterator<Checkpoint> checkpoints;

		private final ChainHashes hashes = new ChainHashes();

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

		Walk(Iterator<Checkpoint> checkpoints) {
			this.checkpoints = checkpoints;
			this.nextCheckpoint = checkpoints.hasNext() ? checkpoints.next() : null;
		}

		void row(ResultSet rs) throws SQLException {
			long seq = rs.getLong(1);
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
			if (this.nextCheckpoint != null) {
				if (!this.nextCheckpoint.signedBy(ChainVerifier.this.signer)) {
					fail(this.nextCheckpoint.seq(), null, Reason.CHECKPOINT_SIGNATURE_INVALID,
							"a checkpoint beyond the chain's end is not signed by Mamori's key");
				}
				fail(this.lastSeq + 1, null, Reason.TRIMMED, "the chain ends at seq " + this.lastSeq
						+ " but a signed checkpoint covers seq " + this.nextCheckpoint.seq());
			}
		}

		void fail(Long seq, UUID uuid, Reason reason, String explanation) {
			this.problem = new Problem(seq, uuid, reason, explanation);
			throw Found.INSTANCE;
		}

	}

	private record Pending(long seq, UUID uuid, byte[] stored) {
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
