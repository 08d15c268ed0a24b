package jp.mamori.audit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.audit.Actor;
import jp.mamori.audit.LogIntegrity;
import jp.mamori.audit.OperationLog;
import jp.mamori.audit.Verification;
import jp.mamori.audit.Verification.Reason;
import jp.mamori.testing.MamoriTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Someone with full rights on the database changes the log behind Mamori's back; {@code verify()}
 * must notice and name the first bad entry.
 */
@MamoriTest
class OperationLogTamperingTests {

	@Autowired
	OperationLog log;

	@Autowired
	LogIntegrity integrity;

	@Autowired
	HikariDataSource dataSource;

	@Autowired
	EntryMac macs;

	@Autowired
	jp.mamori.testing.MutableClock clock;

	Superuser attacker;

	List<UUID> entries = new ArrayList<>();

	@BeforeEach
	void tenSealedEntries() {
		this.attacker = new Superuser(this.dataSource);
		this.attacker.wipeLog();
		for (int i = 1; i <= 10; i++) {
			this.entries.add(this.log.record(Actor.staff("staff-" + i), "order.viewed", "order-" + i, "ticket-42",
					Map.of("n", i)));
		}
		this.integrity.seal();
	}

	@AfterEach
	void close() {
		// The context is shared with other test classes: leave no tampered log behind for them.
		this.attacker.wipeLog();
		this.attacker.close();
	}

	@Test
	void anIntactLogVerifiesClean() {
		Verification result = this.integrity.verify();
		assertThat(result.intact()).isTrue();
		assertThat(result.problem()).isNull();
		assertThat(result.entriesChecked()).isEqualTo(10);
		assertThat(result.checkpointsChecked()).isPositive();
	}

	@Test
	void editingAFieldOfAnEntryIsDetectedAtThatEntry() {
		this.attacker.sql.sql("update audit_entry set purpose = 'none' where entry_uuid = ?")
			.param(this.entries.get(3))
			.update();
		assertProblem(Reason.ENTRY_ALTERED, 4L, this.entries.get(3));
	}

	@Test
	void deletingAnEntryWithItsChainRowLeavesAGapAtItsPlace() {
		this.attacker.sql.sql("delete from audit_chain where seq = 5").update();
		this.attacker.sql.sql("delete from audit_entry where entry_uuid = ?").param(this.entries.get(4)).update();
		assertProblem(Reason.SEQUENCE_GAP, 5L, null);
	}

	@Test
	void deletingOnlyTheEntryLeavesItsChainRowPointingNowhere() {
		this.attacker.sql.sql("delete from audit_entry where entry_uuid = ?").param(this.entries.get(4)).update();
		assertProblem(Reason.ENTRY_MISSING, 5L, null);
	}

	@Test
	void insertingAnEntryIntoThePastOfTheChainIsDetectedAtTheInsertedEntry() {
		UUID forged = UUID.randomUUID();
		long id = this.attacker.sql.sql("insert into audit_entry (entry_uuid, occurred_at, actor_kind, actor_id, action, "
				+ "subject, purpose, details) values (?, '2026-03-31T12:00:00Z', 'STAFF', 'staff-1', 'order.viewed', "
				+ "'order-7', 'ticket-42', '{}') returning id")
			.param(forged)
			.query(Long.class)
			.single();
		this.attacker.sql.sql("update audit_chain set seq = -seq where seq >= 3").update();
		this.attacker.sql.sql("update audit_chain set seq = -seq + 1 where seq < 0").update();
		this.attacker.sql.sql("insert into audit_chain (seq, entry_id, chain_hash) "
				+ "select 3, ?, chain_hash from audit_chain where seq = 4").param(id).update();
		assertProblem(Reason.CHAIN_BROKEN, 3L, forged);
	}

	@Test
	void insertingAnEntryIntoThePastOutsideTheChainIsDetectedAsForged() {
		UUID forged = UUID.randomUUID();
		this.attacker.sql.sql("insert into audit_entry (entry_uuid, occurred_at, actor_kind, actor_id, action, "
				+ "subject, purpose, details, txid) values (?, '2026-03-31T12:00:00Z', 'STAFF', 'staff-1', "
				+ "'order.viewed', 'order-7', 'ticket-42', '{}', '3'::xid8)").param(forged).update();
		this.integrity.seal();
		assertProblem(Reason.ENTRY_FORGED, null, forged);
	}

	@Test
	void aGenuineEntryKeptOutOfTheChainIsDetectedAsUnsealed() {
		this.attacker.sql.sql("delete from audit_chain where seq = 10").update();
		this.attacker.sql.sql("delete from audit_checkpoint where seq = 10").update();
		this.clock.advance(java.time.Duration.ofMinutes(6));
		assertProblem(Reason.UNSEALED, null, this.entries.get(9));
	}

	@Test
	void reorderingTwoEntriesIsDetectedWhereTheOrderChanges() {
		long sixth = this.attacker.count("select entry_id from audit_chain where seq = 6");
		long seventh = this.attacker.count("select entry_id from audit_chain where seq = 7");
		this.attacker.sql.sql("update audit_chain set entry_id = -1 where seq = 6").update();
		this.attacker.sql.sql("update audit_chain set entry_id = ? where seq = 7").param(sixth).update();
		this.attacker.sql.sql("update audit_chain set entry_id = ? where seq = 6").param(seventh).update();
		assertProblem(Reason.CHAIN_BROKEN, 6L, this.entries.get(6));
	}

	@Test
	void reorderingTwoEntriesAndRechainingIsDetectedByTheOrderOfCommits() {
		long sixth = this.attacker.count("select entry_id from audit_chain where seq = 6");
		long seventh = this.attacker.count("select entry_id from audit_chain where seq = 7");
		this.attacker.sql.sql("update audit_chain set entry_id = -1 where seq = 6").update();
		this.attacker.sql.sql("update audit_chain set entry_id = ? where seq = 7").param(sixth).update();
		this.attacker.sql.sql("update audit_chain set entry_id = ? where seq = 6").param(seventh).update();
		this.attacker.rechain();
		assertProblem(Reason.OUT_OF_ORDER, 7L, this.entries.get(5));
	}

	@Test
	void trimmingTheTailIsDetectedByTheSignedCheckpoint() {
		this.attacker.sql.sql("delete from audit_chain where seq > 7").update();
		this.attacker.sql.sql("delete from audit_entry where not exists "
				+ "(select 1 from audit_chain c where c.entry_id = audit_entry.id)").update();
		assertProblem(Reason.TRIMMED, 8L, null);
	}

	@Test
	void rewritingAnEntryWithoutTheMacKeyIsDetectedAtThatEntryEvenWhenRechained() {
		this.attacker.sql.sql("update audit_entry set subject = 'order-999' where entry_uuid = ?")
			.param(this.entries.get(3))
			.update();
		this.attacker.rechain();
		assertProblem(Reason.ENTRY_FORGED, 4L, this.entries.get(3));
	}

	@Test
	void rewritingTheWholeChainConsistentlyWithTheMacKeyDisagreesWithTheSignedCheckpoint() {
		this.attacker.sql.sql("update audit_entry set subject = 'order-999' where entry_uuid = ?")
			.param(this.entries.get(3))
			.update();
		this.attacker.remac(this.macs);
		this.attacker.rechain();
		long checkpoint = this.attacker.count("select min(seq) from audit_checkpoint where seq >= 4");
		assertProblem(Reason.CHECKPOINT_MISMATCH, checkpoint, this.entries.get((int) checkpoint - 1));
	}

	@Test
	void rewritingTheChainAndItsCheckpointsWithTheMacKeyBreaksTheCheckpointSignature() {
		this.attacker.sql.sql("update audit_entry set subject = 'order-999' where entry_uuid = ?")
			.param(this.entries.get(3))
			.update();
		this.attacker.remac(this.macs);
		this.attacker.rechain();
		this.attacker.sql.sql("update audit_checkpoint k set chain_hash = c.chain_hash from audit_chain c "
				+ "where c.seq = k.seq").update();
		long checkpoint = this.attacker.count("select min(seq) from audit_checkpoint where seq >= 4");
		assertProblem(Reason.CHECKPOINT_SIGNATURE_INVALID, checkpoint, this.entries.get((int) checkpoint - 1));
	}

	private void assertProblem(Reason reason, Long seq, UUID entry) {
		Verification result = this.integrity.verify();
		assertThat(result.intact()).isFalse();
		assertThat(result.problem()).isNotNull();
		assertThat(result.problem().reason()).isEqualTo(reason);
		assertThat(result.problem().seq()).isEqualTo(seq);
		assertThat(result.problem().entryUuid()).isEqualTo(entry);
		assertThat(result.problem().explanation()).isNotBlank();
	}

}
