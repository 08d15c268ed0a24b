package jp.mamori.audit.internal;

/** The sealer refused to extend a chain whose head it cannot prove is Mamori's own. */
final class SealingHaltedException extends IllegalStateException {

	SealingHaltedException(ChainHead.Halt halt) {
		super("Sealing the operation log stopped: " + halt.explanation());
	}

}
