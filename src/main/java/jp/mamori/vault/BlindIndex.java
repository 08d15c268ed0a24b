package jp.mamori.vault;

import java.util.Set;

/**
 * Equality search over sealed values without decrypting them: a keyed HMAC-SHA256 of the
 * normalised value (e-mail: NFKC and lower case; phone: E.164), under an index key that is not a data
 * key and not in the database.
 *
 * <p>Security guarantee: without the index key, digests reveal nothing about values; with it, a
 * low-entropy value can be guessed, and equal values share a digest (see docs/vault.md). A subject's
 * entries are deleted by {@link Vault#destroy(Subject)}.
 */
public interface BlindIndex {

	/** Index a value for its subject; indexing the same value again changes nothing. */
	void index(Subject subject, Kind kind, String value);

	/** Remove one value of a subject from the index, e.g. after an e-mail change. */
	void remove(Subject subject, Kind kind, String value);

	/** @return the subjects that indexed this value (normalised the same way) */
	Set<Subject> lookup(Kind kind, String value);

	/** What is indexed; each kind has its own derived key. */
	enum Kind {

		EMAIL, PHONE

	}

}
