package jp.mamori.vault.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import jp.mamori.audit.OperationLog;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.testing.PostgresTools;
import jp.mamori.vault.BlindIndex;
import jp.mamori.vault.Reader;
import jp.mamori.vault.SealContext;
import jp.mamori.vault.Sealed;
import jp.mamori.vault.Subject;
import jp.mamori.vault.SubjectDestroyedException;
import jp.mamori.vault.Vault;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Closing an account destroys the subject's key: its values cannot be opened from the live database,
 * nor from a dump taken after the destruction, nor from one taken before it — even by a vault that
 * holds the master key and is pointed at the restored data.
 */
@VaultTest
class CryptoShreddingTests {

	@Autowired
	Vault vault;

	@Autowired
	BlindIndex index;

	@Autowired
	TestValueStore values;

	@Autowired
	SubjectKeyStore subjectKeys;

	@Autowired
	HikariDataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OperationLog operationLog;

	@Autowired
	SecurityEvents securityEvents;

	@Autowired
	Clock clock;

	final Subject closing = Subject.customer("c-" + UUID.randomUUID());

	final Subject staying = Subject.customer("c-" + UUID.randomUUID());

	@Test
	void aDestroyedSubjectCannotBeReadFromTheLiveDatabaseOrFromDumpsTakenBeforeOrAfter() {
		SealContext closingName = seal(this.closing, "closing-name", "閉鎖 太郎");
		SealContext stayingName = seal(this.staying, "staying-name", "継続 花子");
		this.index.index(this.closing, BlindIndex.Kind.EMAIL, "shred-me@example.jp");
		PostgresTools postgres = new PostgresTools(this.dataSource);
		String dumpBefore = postgres.dump();

		this.vault.destroy(this.closing);
		String dumpAfter = postgres.dump();

		// Live database: the keyset row, index entries and key-encryption key are gone.
		assertThatThrownBy(() -> open(this.vault, closingName)).isInstanceOf(SubjectDestroyedException.class);
		assertThat(open(this.vault, stayingName)).isEqualTo("継続 花子");
		assertThat(this.index.lookup(BlindIndex.Kind.EMAIL, "shred-me@example.jp")).isEmpty();
		assertThat(this.subjectKeys.find(this.closing)).isNull();
		assertThat(this.jdbc.sql("select count(*) from audit_entry where action = 'vault.subject.destroyed' "
				+ "and subject = ?").param(this.closing.reference()).query(Long.class).single()).isEqualTo(1);

		String after = "restored_after_" + Long.toHexString(System.nanoTime());
		postgres.restore(dumpAfter, after);
		try (SingleConnectionDataSource restored = postgres.superuser(after)) {
			Vault onRestored = vaultOn(restored);
			assertThat(keysetRows(restored, this.closing)).isZero();
			assertThatThrownBy(() -> open(onRestored, restored, closingName)).isInstanceOf(SubjectDestroyedException.class);
			assertThat(open(onRestored, restored, stayingName)).isEqualTo("継続 花子");
		}

		String before = "restored_before_" + Long.toHexString(System.nanoTime());
		postgres.restore(dumpBefore, before);
		try (SingleConnectionDataSource restored = postgres.superuser(before)) {
			Vault onRestored = vaultOn(restored);
			// The old dump still holds the wrapped keyset and the ciphertext, but not the key that unwraps it.
			assertThat(keysetRows(restored, this.closing)).isOne();
			assertThatThrownBy(() -> open(onRestored, restored, closingName)).isInstanceOf(SubjectDestroyedException.class);
			assertThat(open(onRestored, restored, stayingName)).isEqualTo("継続 花子");
		}
	}

	@Test
	void sealingForADestroyedSubjectWhoseOldKeysetReappearsIsRefused() {
		SealContext name = seal(this.closing, "reappearing", "閉鎖 次郎");
		byte[] keyset = this.jdbc.sql("select keyset from vault_keyset where subject_id = ?")
			.param(this.closing.id())
			.query(byte[].class)
			.single();
		this.vault.destroy(this.closing);
		// A restore of an old dump over the live database brings the wrapped keyset back.
		this.jdbc.sql("insert into vault_keyset (subject_kind, subject_id, version, keyset, primary_key_id, primary_since) "
				+ "values ('customer', ?, 1, ?, 0, now())").params(this.closing.id(), keyset).update();
		assertThatThrownBy(() -> open(this.vault, name)).isInstanceOf(SubjectDestroyedException.class);
		assertThatThrownBy(() -> this.vault.seal(name, "x")).isInstanceOf(SubjectDestroyedException.class);
	}

	private SealContext seal(Subject subject, String row, String plaintext) {
		SealContext context = SealContext.of(subject, TestValueStore.FIELD, row + "-" + UUID.randomUUID());
		this.values.insert(context, this.vault.seal(context, plaintext));
		return context;
	}

	private String open(Vault vault, SealContext context) {
		return vault.open(this.values.get(context.rowId()), context, Reader.system("test.shredding"), "shredding test");
	}

	/** Read the ciphertext from the restored database, as an attacker with the dump would. */
	private String open(Vault vault, SingleConnectionDataSource restored, SealContext context) {
		Sealed sealed = JdbcClient.create(restored)
			.sql("select ciphertext, key_ref from vault_test_value where row_id = ?")
			.param(context.rowId())
			.query((rs, n) -> Sealed.of(rs.getBytes(1), rs.getString(2)))
			.single();
		return vault.open(sealed, context, Reader.system("test.shredding"), "shredding test");
	}

	/** A second vault with the same master key and subject key folder, reading keysets from the restored data. */
	private Vault vaultOn(SingleConnectionDataSource restored) {
		JdbcClient restoredJdbc = JdbcClient.create(restored);
		DataKeys keys = new DataKeys(restoredJdbc, this.subjectKeys, this.clock, 100, Duration.ofMinutes(1));
		return new TinkVault(keys, this.subjectKeys, this.operationLog, this.securityEvents, restoredJdbc);
	}

	private static long keysetRows(SingleConnectionDataSource restored, Subject subject) {
		return JdbcClient.create(restored)
			.sql("select count(*) from vault_keyset where subject_kind = ? and subject_id = ?")
			.params(subject.kind().code(), subject.id())
			.query(Long.class)
			.single();
	}

}
