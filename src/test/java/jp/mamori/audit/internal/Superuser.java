package jp.mamori.audit.internal;

import java.util.List;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The attacker of the tampering tests: PostgreSQL's superuser on the embedded server, with
 * {@code session_replication_role = replica} so that neither the append-only triggers nor the
 * foreign keys stop it.
 */
final class Superuser implements AutoCloseable {

	private final SingleConnectionDataSource dataSource;

	final JdbcClient sql;

	Superuser(HikariDataSource applicationPool) {
		this.dataSource = new SingleConnectionDataSource(applicationPool.getJdbcUrl(), "postgres", "", true);
		this.sql = JdbcClient.create(this.dataSource);
		this.sql.sql("set session_replication_role = replica").update();
	}

	/** Empty the log so that a test starts from nothing. */
	void wipeLog() {
		// Under the sealer's lock, or a sealing round and the truncation deadlock.
		this.sql.sql("select pg_advisory_lock(?)").param(ChainSealer.LOCK).query().singleValue();
		try {
			this.sql.sql("truncate audit_checkpoint, audit_chain, audit_rejected_entry, audit_entry restart identity").update();
		}
		finally {
			this.sql.sql("select pg_advisory_unlock(?)").param(ChainSealer.LOCK).query().singleValue();
		}
	}

	/** Take the sealer's advisory lock, as a sealer hung on another node would hold it. */
	void holdSealerLock() {
		this.sql.sql("select pg_advisory_lock(?)").param(ChainSealer.LOCK).query().singleValue();
	}

	void releaseSealerLock() {
		this.sql.sql("select pg_advisory_unlock(?)").param(ChainSealer.LOCK).query().singleValue();
	}

	/** @return one entry as the verifier reads it */
	ChainHashes.StoredEntry entry(java.util.UUID uuid) {
		return this.sql.sql("select " + ChainHashes.StoredEntry.COLUMNS + " from audit_entry e where e.entry_uuid = ?")
			.param(uuid)
			.query((rs, row) -> ChainHashes.StoredEntry.read(rs, 1))
			.single();
	}

	/** @return the entries in chain order, as the verifier reads them */
	List<ChainHashes.StoredEntry> chainedEntries() {
		return this.sql
			.sql("select " + ChainHashes.StoredEntry.COLUMNS
					+ " from audit_chain c join audit_entry e on e.id = c.entry_id order by c.seq")
			.query((rs, row) -> ChainHashes.StoredEntry.read(rs, 1))
			.list();
	}

	/** Recompute every chain hash from the entries as they now are: a consistent forgery. */
	void rechain() {
		ChainHashes hashes = new ChainHashes();
		byte[] previous = ChainHashes.GENESIS;
		long seq = 0;
		for (ChainHashes.StoredEntry entry : chainedEntries()) {
			seq++;
			previous = hashes.link(previous, seq, entry);
			this.sql.sql("update audit_chain set chain_hash = ? where seq = ?").params(previous, seq).update();
		}
	}

	/**
	 * Give every entry a valid MAC again, as an attacker holding the application's MAC key (a
	 * compromised node) could; only the checkpoints' signing key then stands in the way.
	 */
	void remac(EntryMac macs) {
		for (ChainHashes.StoredEntry entry : chainedEntries()) {
			byte[] mac = macs.sign(entry.uuid(), entry.occurredAtMicros(), entry.actorKind(), entry.actorId(),
					entry.action(), entry.subject(), entry.purpose(), entry.details());
			this.sql.sql("update audit_entry set mac = ?, mac_key_id = ? where id = ?")
				.params(mac, macs.currentKeyId(), entry.id())
				.update();
		}
	}

	long count(String query) {
		return this.sql.sql(query).query(Long.class).single();
	}

	@Override
	public void close() {
		this.dataSource.destroy();
	}

}
