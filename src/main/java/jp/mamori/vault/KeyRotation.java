package jp.mamori.vault;

/**
 * Rotates keys without downtime. A rotated data key stays able to decrypt until the re-encryption
 * job has moved every value in every {@link SealedValueStore} to the new primary key; only then is
 * it removed from its keyset. Every step is recorded in the operation log as the system.
 */
public interface KeyRotation {

	/** Give one subject a new primary data key; its old keys keep decrypting until retired. */
	void rotate(Subject subject);

	/** Start rotating every subject's data key; {@link #runOnce()} does the work in batches. */
	void rotateAll();

	/**
	 * One bounded, resumable round: rotate the next subjects of a pending {@link #rotateAll()},
	 * re-encrypt values under rotated keys, retire keys no store reports a value under. Progress is
	 * in the database, so a restarted node continues where the last round stopped.
	 * @return what this round did
	 */
	Progress runOnce();

	/**
	 * Re-wrap every subject's key-encryption key and the index key under the current master key, so
	 * previous master keys can be removed from the configuration.
	 * @return how many wrapped keys were rewritten
	 */
	int rewrapUnderCurrentMasterKey();

	/**
	 * @param subjectsRotated subjects given a new primary key in this round
	 * @param valuesReencrypted values moved to a primary key
	 * @param keysRetired keys removed from their keysets
	 * @param keysPending rotated keys not yet retired
	 */
	record Progress(int subjectsRotated, int valuesReencrypted, int keysRetired, int keysPending) {

		public boolean done() {
			return this.keysPending == 0 && this.subjectsRotated == 0;
		}

	}

}
