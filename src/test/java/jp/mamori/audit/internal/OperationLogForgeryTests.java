package jp.mamori.audit.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.audit.Actor;
import jp.mamori.audit.AuditSecurityEvents;
import jp.mamori.audit.LogIntegrity;
import jp.mamori.audit.OperationLog;
import jp.mamori.audit.Verification;
import jp.mamori.testing.MamoriTest;
import jp.mamori.testing.MutableClock;
import jp.mamori.testing.RecordedSecurityEvents;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Attacks that do not edit the log but try to forge it or stop it quietly: checkpoints and chain rows
 * written by the application's role or by the schema's owner, entries written without Mamori's MAC
 * key, and a sealer that stops working.
 */
@MamoriTest
class OperationLogForgeryTests {

	static final String HUGE_WATERMARK = "4611686018427387904";

	@Autowired
	OperationLog log;

	@Autowired
	LogIntegrity integrity;

	@Autowired
	HikariDataSource dataSource;

	@Autowired
	JdbcClient application;

	@Autowired
	@Qualifier("migrationDataSource")
	DataSource ownerDataSource;

	@Autowired
	RecordedSecurityEvents events;

	@Autowired
	MutableClock clock;

	@Autowired
	MeterRegistry meters;

	@Autowired
	AuditProperties properties;

	@LocalManagementPort
	int managementPort;

	Superuser attacker;

	JdbcClient owner;

	@BeforeEach
	void threeSealedEntries() {
		this.attacker = new Superuser(this.dataSource);
		this.owner = JdbcClient.create(this.ownerDataSource);
		this.attacker.wipeLog();
		for (int i = 1; i <= 3; i++) {
			this.log.record(Actor.staff("staff-" + i), "order.viewed", "order-" + i, null, Map.of("n", i));
		}
		this.integrity.seal();
	}

	@AfterEach
	void leaveAnEmptyLog() {
		// The context is shared with other test classes: leave no forgery behind for them.
		this.attacker.wipeLog();
		this.attacker.close();
	}

	@Test
	void aCheckpointWithAHugeWatermarkFromTheApplicationRoleIsRefusedByTheDatabase() {
		assertThatException()
			.isThrownBy(() -> this.application.sql("insert into audit_checkpoint (seq, chain_hash, xid_watermark, "
					+ "key_id, signature, created_at) values (1000, '\\x00'::bytea, '" + HUGE_WATERMARK
					+ "'::xid8, 'k', '\\x00'::bytea, now())").update())
			.havingRootCause()
			.withMessageContaining("permission denied");
		assertThat(this.attacker.count("select count(*) from audit_checkpoint where seq = 1000")).isZero();
	}

	@Test
	void aCheckpointForgedByTheOwnerIsCaughtByItsSignatureBeforeTheSealerExtendsTheChain() throws Exception {
		byte[] head = this.attacker.sql.sql("select chain_hash from audit_chain where seq = 3").query(byte[].class).single();
		this.owner.sql("insert into audit_checkpoint (seq, chain_hash, xid_watermark, key_id, signature, created_at) "
				+ "values (1000, ?, '" + HUGE_WATERMARK + "'::xid8, 'forged', ?, now())")
			.params(head, new byte[64])
			.update();
		UUID later = this.log.record(Actor.staff("staff-9"), "order.viewed", "order-9", null, Map.of());

		assertThatThrownBy(this.integrity::seal).hasMessageContaining("signature");
		assertThat(chained(later)).isZero();
		assertThat(this.events.named(AuditSecurityEvents.SEALING_HALTED)).last()
			.satisfies((event) -> assertThat(event.attributes()).containsEntry("checkpoint_seq", "1000"));
		assertThat(gauge(SealingWatch.HALTED_GAUGE)).isEqualTo(1.0);
		assertThat(health()).contains("\"status\":\"DOWN\"");
	}

	@Test
	void aChainRowPlantedByTheApplicationRoleIsRefusedByTheDatabase() {
		UUID entry = this.log.record(Actor.staff("staff-9"), "order.viewed", "order-9", null, Map.of());
		assertThatException()
			.isThrownBy(() -> this.application.sql("insert into audit_chain (seq, entry_id, chain_hash) "
					+ "select 1000, id, '\\x00'::bytea from audit_entry where entry_uuid = ?").param(entry).update())
			.havingRootCause()
			.withMessageContaining("permission denied");
	}

	@Test
	void aChainRowPlantedByTheOwnerStopsTheSealerInsteadOfMakingItSkipEntries() {
		this.attacker.holdSealerLock();
		UUID skipped;
		UUID planted;
		try {
			skipped = this.log.record(Actor.staff("staff-8"), "order.viewed", "order-8", null, Map.of());
			planted = this.log.record(Actor.staff("staff-9"), "order.viewed", "order-9", null, Map.of());
			// A well-linked row, as an owner who knows the hash scheme would write it.
			byte[] head = this.attacker.sql.sql("select chain_hash from audit_chain where seq = 3")
				.query(byte[].class)
				.single();
			ChainHashes.StoredEntry entry = this.attacker.entry(planted);
			this.owner.sql("insert into audit_chain (seq, entry_id, chain_hash) values (4, ?, ?)")
				.params(entry.id(), new ChainHashes().link(head, 4, entry))
				.update();
		}
		finally {
			this.attacker.releaseSealerLock();
		}

		assertThatThrownBy(this.integrity::seal).hasMessageContaining("checkpoint");
		assertThat(this.events.named(AuditSecurityEvents.SEALING_HALTED)).isNotEmpty();
		assertThat(chained(skipped)).isZero();

		// Once the planted row is gone, sealing resumes and skips nothing.
		this.attacker.sql.sql("delete from audit_chain where seq = 4").update();
		this.integrity.seal();
		assertThat(chained(skipped)).isOne();
		assertThat(chained(planted)).isOne();
		assertThat(this.integrity.verify().intact()).isTrue();
		assertThat(gauge(SealingWatch.HALTED_GAUGE)).isZero();
	}

	@Test
	void anEntryWithAForgedActorAndActionIsReportedBySealingAndByVerifyNotSealedAsGenuine() {
		UUID forged = UUID.randomUUID();
		this.application.sql("insert into audit_entry (entry_uuid, occurred_at, actor_kind, actor_id, action, details) "
				+ "values (?, now(), 'STAFF', 'staff-admin', 'order.refund_approved', '{}')").param(forged).update();
		UUID genuine = this.log.record(Actor.staff("staff-4"), "order.viewed", "order-4", null, Map.of());

		this.integrity.seal();

		assertThat(chained(forged)).isZero();
		assertThat(chained(genuine)).isOne();
		assertThat(this.events.named(AuditSecurityEvents.ENTRY_FORGED)).last()
			.satisfies((event) -> assertThat(event.attributes()).containsEntry("entry_uuid", forged.toString()));
		assertForgedAt(forged);
	}

	@Test
	void aGenuineEntrysMacCopiedOntoAnotherActionIsReportedAsForged() {
		UUID genuine = this.log.record(Actor.staff("staff-4"), "order.viewed", "order-4", null, Map.of());
		UUID forged = UUID.randomUUID();
		this.application.sql("insert into audit_entry (entry_uuid, occurred_at, actor_kind, actor_id, action, details, "
				+ "mac, mac_key_id) select ?, occurred_at, actor_kind, actor_id, 'order.refund_approved', details, mac, "
				+ "mac_key_id from audit_entry where entry_uuid = ?").params(forged, genuine).update();

		this.integrity.seal();

		assertThat(chained(genuine)).isOne();
		assertThat(chained(forged)).isZero();
		assertForgedAt(forged);
	}

	@Test
	void sealingThatStopsIsNoticedOnceAnEntryIsOlderThanTheConfiguredAge() throws Exception {
		assertThat(health()).doesNotContain("DOWN");
		this.attacker.holdSealerLock();
		try {
			UUID waiting = this.log.record(Actor.staff("staff-5"), "order.viewed", "order-5", null, Map.of());
			this.clock.advance(this.properties.maxUnsealedAge().minusSeconds(1));
			assertThat(health()).doesNotContain("DOWN");
			int before = this.events.named(AuditSecurityEvents.SEALING_STALLED).size();

			this.clock.advance(java.time.Duration.ofSeconds(2));
			assertThat(health()).contains("\"status\":\"DOWN\"");
			assertThat(gauge(SealingWatch.OLDEST_UNSEALED_GAUGE))
				.isGreaterThanOrEqualTo((double) this.properties.maxUnsealedAge().toSeconds());
			assertThat(gauge(SealingWatch.HALTED_GAUGE)).isZero();
			assertThat(this.events.named(AuditSecurityEvents.SEALING_STALLED)).hasSizeGreaterThan(before).last()
				.satisfies((event) -> assertThat(event.attributes()).containsEntry("entry_uuid", waiting.toString()));
		}
		finally {
			this.attacker.releaseSealerLock();
		}
		this.integrity.seal();
		assertThat(health()).doesNotContain("DOWN");
		assertThat(gauge(SealingWatch.OLDEST_UNSEALED_GAUGE)).isZero();
	}

	private void assertForgedAt(UUID forged) {
		Verification result = this.integrity.verify();
		assertThat(result.intact()).isFalse();
		assertThat(result.problem().entryUuid()).isEqualTo(forged);
		assertThat(result.problem().reason()).isEqualTo(Verification.Reason.ENTRY_FORGED);
	}

	private long chained(UUID entry) {
		return this.attacker.sql.sql("select count(*) from audit_chain c join audit_entry e on e.id = c.entry_id "
				+ "where e.entry_uuid = ?").param(entry).query(Long.class).single();
	}

	private Double gauge(String name) {
		Gauge gauge = this.meters.find(name).gauge();
		assertThat(gauge).as("gauge %s", name).isNotNull();
		return gauge.value();
	}

	private String health() throws Exception {
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort
					+ "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString()).body();
		}
	}

}
