package jp.mamori.vault.internal;

/**
 * A capability token, after Tink's {@code InsecureSecretKeyAccess}: every method that handles raw key
 * material or opens values in bulk without a per-value {@code pii.read} entry takes one. Grep for
 * this name to review every such place.
 */
final class InsecurePlaintextAccess {

	private static final InsecurePlaintextAccess INSTANCE = new InsecurePlaintextAccess();

	private InsecurePlaintextAccess() {
	}

	static InsecurePlaintextAccess get() {
		return INSTANCE;
	}

}
