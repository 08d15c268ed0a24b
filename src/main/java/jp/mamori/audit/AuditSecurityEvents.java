package jp.mamori.audit;

/**
 * Names of the security events the audit module publishes. Each carries identifiers only: entry
 * UUIDs, sequence numbers, reason codes and ages, never an entry's content.
 */
public final class AuditSecurityEvents {

	/**
	 * The sealer refused to extend the chain: the last checkpoint's signature does not hold, or the
	 * chain's head does not match it (a forged checkpoint or a planted chain row). Attributes
	 * {@code reason}, {@code checkpoint_seq}, {@code chain_seq}.
	 */
	public static final String SEALING_HALTED = "audit.sealing.halted";

	/**
	 * An entry has waited longer than {@code mamori.audit.max-unsealed-age} to be sealed: the sealer is
	 * failing or not running. Attributes {@code entry_uuid}, {@code age_seconds}.
	 */
	public static final String SEALING_STALLED = "audit.sealing.stalled";

	/**
	 * The sealer found an entry without a valid MAC and did not chain it. Attributes
	 * {@code entry_uuid}, {@code count} (entries refused in that round; the UUID is the first's).
	 */
	public static final String ENTRY_FORGED = "audit.entry.forged";

	private AuditSecurityEvents() {
	}

}
