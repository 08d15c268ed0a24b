package jp.mamori.audit.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The hashes of the chain, computed with one reusable {@link MessageDigest} (not thread-safe: one
 * instance per sealing round or verification).
 *
 * <pre>
 * entry_hash(e)  = SHA-256("mamori.audit.entry.v1" | uuid | occurred_at µs | txid | actor_kind
 *                          | actor_id | action | subject | purpose | details)
 * chain_hash(n)  = SHA-256(chain_hash(n-1) | n as 8 bytes | entry_hash(e_n)),  chain_hash(0) = 32 zero bytes
 * </pre>
 *
 * Every text field is length-prefixed (4 bytes, -1 for null) in UTF-8, so no two different entries
 * encode to the same bytes however their fields are split.
 */
final class ChainHashes {

	static final byte[] GENESIS = new byte[32];

	private static final byte[] ENTRY_DOMAIN = "mamori.audit.entry.v1".getBytes(StandardCharsets.US_ASCII);

	private final MessageDigest digest;

	private final ByteBuffer numbers = ByteBuffer.allocate(16);

	private final byte[] entryHash = new byte[32];

	ChainHashes() {
		try {
			this.digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/** @return chain_hash(seq) for the given entry, following {@code previous} */
	byte[] link(byte[] previous, long seq, StoredEntry entry) {
		entryHash(entry);
		this.digest.update(previous);
		putLong(seq);
		this.digest.update(this.entryHash);
		return this.digest.digest();
	}

	private void entryHash(StoredEntry entry) {
		this.digest.update(ENTRY_DOMAIN);
		this.numbers.clear();
		this.numbers.putLong(entry.uuid().getMostSignificantBits()).putLong(entry.uuid().getLeastSignificantBits());
		this.digest.update(this.numbers.array(), 0, 16);
		putLong(entry.occurredAtMicros());
		putLong(entry.txid());
		putText(entry.actorKind());
		putText(entry.actorId());
		putText(entry.action());
		putText(entry.subject());
		putText(entry.purpose());
		putText(entry.details());
		try {
			this.digest.digest(this.entryHash, 0, 32);
		}
		catch (java.security.DigestException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void putLong(long value) {
		this.numbers.clear();
		this.numbers.putLong(value);
		this.digest.update(this.numbers.array(), 0, 8);
	}

	private void putText(String value) {
		this.numbers.clear();
		if (value == null) {
			this.numbers.putInt(-1);
			this.digest.update(this.numbers.array(), 0, 4);
			return;
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		this.numbers.putInt(bytes.length);
		this.digest.update(this.numbers.array(), 0, 4);
		this.digest.update(bytes);
	}

	/**
	 * An entry as stored, with the fields that are hashed and its MAC (which is not: the chain's hashes
	 * stay as they were before entries carried one).
	 */
	record StoredEntry(long id, UUID uuid, long occurredAtMicros, long txid, String actorKind, String actorId,
			String action, String subject, String purpose, String details, byte[] mac, String macKeyId) {

		/** Columns to select (with an {@code e} alias) for {@link #read}. */
		// The timestamp is decoded in Java: numeric arithmetic in SQL cost more than the hashing.
		static final String COLUMNS = "e.id, e.entry_uuid, e.occurred_at, "
				+ "e.txid::text::bigint, e.actor_kind, e.actor_id, e.action, e.subject, e.purpose, e.details, "
				+ "e.mac, e.mac_key_id";

		static StoredEntry read(java.sql.ResultSet rs, int first) throws java.sql.SQLException {
			java.time.Instant occurredAt = rs.getObject(first + 2, java.time.OffsetDateTime.class).toInstant();
			long micros = Math.addExact(Math.multiplyExact(occurredAt.getEpochSecond(), 1_000_000L),
					occurredAt.getNano() / 1_000);
			return new StoredEntry(rs.getLong(first), rs.getObject(first + 1, UUID.class), micros,
					rs.getLong(first + 3), rs.getString(first + 4), rs.getString(first + 5), rs.getString(first + 6),
					rs.getString(first + 7), rs.getString(first + 8), rs.getString(first + 9), rs.getBytes(first + 10),
					rs.getString(first + 11));
		}

	}

}
