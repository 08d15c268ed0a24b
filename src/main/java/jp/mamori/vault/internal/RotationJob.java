package jp.mamori.vault.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import jp.mamori.audit.Actor;
import jp.mamori.audit.OperationLog;
import jp.mamori.vault.KeyRotation;
import jp.mamori.vault.Sealed;
import jp.mamori.vault.SealedValueStore;
import jp.mamori.vault.Subject;
import jp.mamori.vault.SubjectDestroyedException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * Rotation in bounded rounds. All progress is rows in the database — the pending campaign and the
 * rotated keys in {@code vault_retiring_key} — and every write is compare-and-set, so a round may
 * stop anywhere, run again, or run on two nodes at once.
 */
final class RotationJob implements KeyRotation {

	static final Actor ACTOR = Actor.system("vault.rotation");

	private static final String PURPOSE = "key rotation";

	private final DataKeys dataKeys;

	private final TinkVault vault;

	private final ObjectProvider<SealedValueStore> stores;

	private final SubjectKeyStore subjectKeys;

	private final IndexKey indexKey;

	private final OperationLog operationLog;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final int batchSize;

	private final Duration retireGrace;

	private final ReentrantLock running = new ReentrantLock();

	RotationJob(DataKeys dataKeys, TinkVault vault, ObjectProvider<SealedValueStore> stores, SubjectKeyStore subjectKeys,
			IndexKey indexKey, OperationLog operationLog, JdbcClient jdbc, TransactionTemplate transactions, Clock clock,
			int batchSize, Duration retireGrace) {
		Assert.notNull(dataKeys, "dataKeys cannot be null");
		Assert.notNull(vault, "vault cannot be null");
		Assert.notNull(stores, "stores cannot be null");
		Assert.notNull(operationLog, "operationLog cannot be null");
		Assert.isTrue(batchSize > 0, "batchSize must be positive");
		this.dataKeys = dataKeys;
		this.vault = vault;
		this.stores = stores;
		this.subjectKeys = subjectKeys;
		this.indexKey = indexKey;
		this.operationLog = operationLog;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.batchSize = batchSize;
		this.retireGrace = retireGrace;
	}

	@Override
	public void rotate(Subject subject) {
		Assert.notNull(subject, "subject cannot be null");
		for (int attempt = 0; attempt < 5; attempt++) {
			String previous = this.transactions.execute((status) -> {
				String replaced = this.dataKeys.rotate(subject);
				if (replaced != null) {
					this.jdbc.sql("insert into vault_retiring_key (key_ref, subject_kind, subject_id, rotated_at) "
							+ "values (?, ?, ?, ?) on conflict do nothing")
						.params(replaced, subject.kind().code(), subject.id(), now())
						.update();
					this.operationLog.record(ACTOR, "vault.key.rotated", subject.reference(), PURPOSE,
							Map.of("previous_key", replaced));
				}
				return replaced;
			});
			// Again after commit: a reader may have cached the old keyset between update and commit.
			this.dataKeys.refresh(subject);
			if (previous != null || this.dataKeys.find(subject) == null) {
				return;
			}
		}
		throw new IllegalStateException("The keyset of " + subject + " kept changing; rotation not done");
	}

	@Override
	public void rotateAll() {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("insert into vault_rotation_campaign (requested_at) values (?)").param(now()).update();
			this.operationLog.record(ACTOR, "vault.rotation.requested", null, PURPOSE, Map.of());
		});
	}

	@Override
	public Progress runOnce() {
		if (!this.running.tryLock()) {
			return new Progress(0, 0, 0, pendingKeys());
		}
		try {
			int rotated = rotateNextSubjects();
			int reencrypted = 0;
			int retired = 0;
			List<String> pending = this.jdbc
				.sql("select key_ref from vault_retiring_key where rotated_at <= ? order by rotated_at, key_ref limit ?")
				.params(now(), this.batchSize)
				.query(String.class)
				.list();
			for (String keyRef : pending) {
				int moved = reencrypt(keyRef, this.batchSize - reencrypted);
				reencrypted += moved;
				if (retireIfUnused(keyRef)) {
					retired++;
				}
				if (reencrypted >= this.batchSize) {
					break;
				}
			}
			return new Progress(rotated, reencrypted, retired, pendingKeys());
		}
		finally {
			this.running.unlock();
		}
	}

	private int rotateNextSubjects() {
		List<OffsetDateTime> campaigns = this.jdbc
			.sql("select requested_at from vault_rotation_campaign where finished_at is null order by id limit 1")
			.query(OffsetDateTime.class)
			.list();
		if (campaigns.isEmpty()) {
			return 0;
		}
		List<Subject> subjects = this.dataKeys.primaryOlderThan(campaigns.get(0), this.batchSize);
		for (Subject subject : subjects) {
			try {
				rotate(subject);
			}
			catch (SubjectDestroyedException ex) {
				// A keyset whose key-encryption key is gone (e.g. brought back by a restore): it opens nothing.
				this.dataKeys.delete(subject);
				this.operationLog.record(ACTOR, "vault.keyset.orphan_removed", subject.reference(), PURPOSE, Map.of());
			}
		}
		if (subjects.isEmpty()) {
			this.jdbc.sql("update vault_rotation_campaign set finished_at = ? where finished_at is null and requested_at = ?")
				.params(now(), campaigns.get(0))
				.update();
			this.operationLog.record(ACTOR, "vault.rotation.finished", null, PURPOSE, Map.of());
		}
		return subjects.size();
	}

	/** Move up to {@code budget} values from the key to their subject's primary key, store by store. */
	private int reencrypt(String keyRef, int budget) {
		int moved = 0;
		for (SealedValueStore store : this.stores.orderedStream().toList()) {
			if (moved >= budget) {
				break;
			}
			List<SealedValueStore.Stored> batch = store.findUnder(keyRef, budget - moved);
			if (batch.isEmpty()) {
				continue;
			}
			int replaced = this.transactions.execute((status) -> {
				int count = 0;
				for (SealedValueStore.Stored stored : batch) {
					String plaintext = this.vault.openForReencryption(stored.sealed(), stored.context(),
							InsecurePlaintextAccess.get());
					Sealed resealed = this.vault.seal(stored.context(), plaintext);
					if (store.replace(stored, resealed)) {
						count++;
					}
				}
				this.operationLog.record(ACTOR, "vault.values.reencrypted", KeyReferences.subjectOf(keyRef).reference(),
						PURPOSE, Map.of("store", store.name(), "key", keyRef, "values", count));
				return count;
			});
			moved += replaced;
		}
		return moved;
	}

	private boolean retireIfUnused(String keyRef) {
		OffsetDateTime rotatedAt = this.jdbc.sql("select rotated_at from vault_retiring_key where key_ref = ?")
			.param(keyRef)
			.query(OffsetDateTime.class)
			.optional()
			.orElse(null);
		if (rotatedAt == null || rotatedAt.toInstant().plus(this.retireGrace).isAfter(this.clock.instant())) {
			return false;
		}
		for (SealedValueStore store : this.stores.orderedStream().toList()) {
			if (!store.findUnder(keyRef, 1).isEmpty()) {
				return false;
			}
		}
		Subject subject = KeyReferences.subjectOf(keyRef);
		if (!this.dataKeys.retire(subject, KeyReferences.keyIdOf(keyRef))) {
			return false;
		}
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.sql("delete from vault_retiring_key where key_ref = ?").param(keyRef).update();
			this.operationLog.record(ACTOR, "vault.key.retired", subject.reference(), PURPOSE, Map.of("key", keyRef));
		});
		return true;
	}

	private int pendingKeys() {
		return this.jdbc.sql("select count(*) from vault_retiring_key").query(Integer.class).single();
	}

	@Override
	public int rewrapUnderCurrentMasterKey() {
		int rewritten = this.subjectKeys.rewrap() + this.indexKey.rewrap();
		this.operationLog.record(ACTOR, "vault.master_key.rewrapped", null, PURPOSE, Map.of("keys", rewritten));
		return rewritten;
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

}
