package jp.mamori.vault.internal;

import com.google.crypto.tink.Aead;

import jp.mamori.vault.Subject;

/**
 * Each subject's key-encryption key, which wraps its data keyset. Security decision: this store is
 * not the database, so a dump of the database never holds a key that opens a subject's data, and
 * deleting the key here shreds the subject in every copy of the database, old or new (docs/vault.md).
 */
interface SubjectKeyStore {

	/** @return the subject's key-encryption key, or {@code null} if it has none (or was destroyed) */
	Aead find(Subject subject);

	/** @return the subject's key-encryption key, created if it has none */
	Aead findOrCreate(Subject subject);

	/** Delete the subject's key for good. @return whether there was one */
	boolean delete(Subject subject);

	/** Re-wrap every key not wrapped by the current master key. @return how many were rewritten */
	int rewrap();

}
