package jp.mamori.vault.internal;

import jp.mamori.vault.Subject;

/** Key references: {@code <subject reference>/<key id in hex>}, e.g. {@code customer:42/5f0a1b2c}. */
final class KeyReferences {

	private KeyReferences() {
	}

	static String of(Subject subject, int keyId) {
		return subject.reference() + "/" + String.format("%08x", keyId);
	}

	/** @return the subject named in the reference, or {@code null} if it is malformed */
	static Subject subjectOf(String reference) {
		int slash = reference.lastIndexOf('/');
		try {
			return (slash > 0) ? Subject.parse(reference.substring(0, slash)) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** @return whether the reference names a key of this subject (a string comparison: on every open) */
	static boolean belongsTo(String reference, Subject subject) {
		String prefix = subject.reference();
		return reference.length() == prefix.length() + 9 && reference.startsWith(prefix)
				&& reference.charAt(prefix.length()) == '/';
	}

	static int keyIdOf(String reference) {
		return Integer.parseUnsignedInt(reference.substring(reference.lastIndexOf('/') + 1), 16);
	}

}
