package jp.mamori.audit;

/**
 * Seals the operation log into its hash chain and verifies it.
 */
public interface LogIntegrity {

	/**
	 * Chain every entry whose writing transaction has ended, and sign a checkpoint. Waits for a
	 * sealing round that another thread or node is running, then seals whatever is left.
	 * @return the number of entries chained by this call
	 */
	long seal();

	/**
	 * Check the whole log: every entry's hash, the chain's links and order, every signed checkpoint,
	 * and that no entry older than the sealing grace period is still outside the chain.
	 * @return the result, naming the first bad entry if there is one
	 */
	Verification verify();

}
