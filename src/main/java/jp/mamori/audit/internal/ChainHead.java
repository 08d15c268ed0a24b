package jp.mamori.audit.internal;

import java.time.OffsetDateTime;
import java.util.Arrays;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The chain's last row and the last checkpoint, and whether they agree.
 *
 * <p>Security decision: the sealer builds only on a head it can prove is Mamori's own: the last
 * checkpoint must carry a valid signature and name exactly the chain's last row (its seq and hash).
 * A forged checkpoint (say with a huge watermark, which would stop sealing quietly) or a planted chain
 * row (which would make the sealer skip entries) fails this check, and sealing stops loudly instead of
 * building on the forgery. The watermark is taken only from a checkpoint that passed.
 *
 * @param seq the chain's last seq, 0 for an empty chain
 * @param chainHash its hash
 * @param txid the transaction id of its entry, 0 if none
 * @param entryId its entry's id, 0 if none
 * @param watermark the last checkpoint's watermark, 0 if none
 * @param halt why the sealer must not build on this head, or {@code null}
 */
record ChainHead(long seq, byte[] chainHash, long txid, long entryId, long watermark, Halt halt) {

	static final String SIGNATURE_INVALID = "checkpoint_signature_invalid";

	static final String HEAD_MISMATCH = "chain_head_mismatch";

	static ChainHead read(JdbcClient jdbc, CheckpointSigner signer) {
		ChainHead chain = jdbc
			.sql("select c.seq, c.chain_hash, coalesce(e.txid::text::bigint, 0), coalesce(e.id, 0) from audit_chain c "
					+ "left join audit_entry e on e.id = c.entry_id order by c.seq desc limit 1")
			.query((rs, row) -> new ChainHead(rs.getLong(1), rs.getBytes(2), rs.getLong(3), rs.getLong(4), 0, null))
			.optional()
			.orElse(new ChainHead(0, ChainHashes.GENESIS, 0, 0, 0, null));
		// Read as numeric text: a forged watermark beyond bigint must be refused, not crash the round.
		Checkpoint last = jdbc
			.sql("select seq, chain_hash, xid_watermark::text, key_id, signature, created_at from audit_checkpoint "
					+ "order by seq desc limit 1")
			.query((rs, row) -> new Checkpoint(rs.getLong(1), rs.getBytes(2), rs.getString(3), rs.getString(4),
					rs.getBytes(5), rs.getObject(6, OffsetDateTime.class)))
			.optional()
			.orElse(null);
		if (last == null) {
			return (chain.seq() == 0) ? chain
					: chain.halted(new Halt(HEAD_MISMATCH, 0, chain.seq(), "the chain has " + chain.seq()
							+ " rows but no checkpoint: its rows were not written by the sealer"));
		}
		long watermark;
		try {
			watermark = Long.parseLong(last.watermark());
		}
		catch (NumberFormatException ex) {
			watermark = -1;
		}
		if (watermark < 0 || !signer.verify(last.seq(), last.chainHash(), watermark, last.createdAt().toInstant(),
				last.keyId(), last.signature())) {
			return chain.halted(new Halt(SIGNATURE_INVALID, last.seq(), chain.seq(), "the last checkpoint (seq "
					+ last.seq() + ") does not carry a valid signature of Mamori's key: it was forged"));
		}
		if (last.seq() != chain.seq() || !Arrays.equals(last.chainHash(), chain.chainHash())) {
			return chain.halted(new Halt(HEAD_MISMATCH, last.seq(), chain.seq(), "the chain's last row (seq "
					+ chain.seq() + ") is not the one the last signed checkpoint (seq " + last.seq()
					+ ") names: rows were planted or removed"));
		}
		return new ChainHead(chain.seq(), chain.chainHash(), chain.txid(), chain.entryId(), watermark, null);
	}

	private ChainHead halted(Halt halt) {
		return new ChainHead(this.seq, this.chainHash, this.txid, this.entryId, 0, halt);
	}

	/**
	 * Why sealing stopped.
	 * @param reason {@value #SIGNATURE_INVALID} or {@value #HEAD_MISMATCH}
	 * @param checkpointSeq the last checkpoint's seq (0 if none)
	 * @param chainSeq the chain's last seq
	 * @param explanation one sentence for an operator
	 */
	record Halt(String reason, long checkpointSeq, long chainSeq, String explanation) {
	}

	private record Checkpoint(long seq, byte[] chainHash, String watermark, String keyId, byte[] signature,
			OffsetDateTime createdAt) {
	}

}
