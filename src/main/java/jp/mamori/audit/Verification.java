package jp.mamori.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * The result of verifying the operation log.
 *
 * @param intact whether no problem was found
 * @param entriesChecked chained entries checked (up to the first problem)
 * @param checkpointsChecked signed checkpoints checked
 * @param lastSeq sequence number of the last chained entry checked, 0 if none
 * @param problem the first problem found, or {@code null} when intact
 * @param verifiedAt when the verification ran, from the injected clock
 */
public record Verification(boolean intact, long entriesChecked, long checkpointsChecked, long lastSeq,
		Problem problem, Instant verifiedAt) {

	/**
	 * The first bad entry.
	 *
	 * @param seq its place in the chain, or {@code null} for an entry that was never chained
	 * @param entryUuid the entry's identifier, or {@code null} when it is gone
	 * @param reason what is wrong
	 * @param explanation one sentence for an operator
	 */
	public record Problem(Long seq, UUID entryUuid, Reason reason, String explanation) {
	}

	/** What can be wrong with the log. */
	public enum Reason {

		/** The entry's content no longer hashes to what was chained. */
		ENTRY_ALTERED,
		/** A chain link does not follow from the one before it (chain rows altered or inserted). */
		CHAIN_BROKEN,
		/** A sequence number is missing: an entry was removed together with its chain row. */
		SEQUENCE_GAP,
		/** A chain row points at an entry that no longer exists. */
		ENTRY_MISSING,
		/** Entries are not in the order the sealer chains them (txid, id): they were reordered. */
		OUT_OF_ORDER,
		/** A signed checkpoint does not match the chain at its sequence number (chain rewritten). */
		CHECKPOINT_MISMATCH,
		/** A checkpoint's signature is not valid for Mamori's signing key. */
		CHECKPOINT_SIGNATURE_INVALID,
		/** The chain ends before a signed checkpoint: its tail was cut off. */
		TRIMMED,
		/** An entry older than the sealing grace period is outside the chain: it was inserted or its chain row removed. */
		UNSEALED,
		/**
		 * The entry does not carry a valid MAC of Mamori's key: it was written past Mamori (e.g. with a
		 * forged actor or action), or changed by someone who could also recompute the chain.
		 */
		ENTRY_FORGED

	}

}
