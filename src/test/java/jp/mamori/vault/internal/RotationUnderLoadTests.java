package jp.mamori.vault.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import jp.mamori.testing.MutableClock;
import jp.mamori.vault.KeyRotation;
import jp.mamori.vault.Reader;
import jp.mamori.vault.SealContext;
import jp.mamori.vault.SealedValueStore;
import jp.mamori.vault.Subject;
import jp.mamori.vault.Vault;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys rotate while the shop keeps sealing and opening: nothing fails, and afterwards no value is
 * left under a retired key, which is gone from its keyset.
 */
@VaultTest
class RotationUnderLoadTests {

	@Autowired
	Vault vault;

	@Autowired
	KeyRotation rotation;

	@Autowired
	TestValueStore values;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Test
	void rotatingUnderConcurrentSealsAndOpensLosesNothingAndLeavesNoValueUnderARetiredKey() throws Exception {
		List<Subject> subjects = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			subjects.add(Subject.customer("rot-" + UUID.randomUUID()));
		}
		Map<String, String> expected = new ConcurrentHashMap<>();
		Queue<SealContext> written = new ConcurrentLinkedQueue<>();
		for (Subject subject : subjects) {
			for (int i = 0; i < 20; i++) {
				sealOne(subject, expected, written);
			}
		}
		List<String> oldKeys = subjects.stream().map(this::primaryKeyOf).toList();

		Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
		CountDownLatch started = new CountDownLatch(3);
		ExecutorService load = Executors.newFixedThreadPool(3);
		List<Future<?>> workers = new ArrayList<>();
		for (int t = 0; t < 3; t++) {
			workers.add(load.submit(() -> {
				started.countDown();
				for (int i = 0; i < 150; i++) {
					try {
						Subject subject = subjects.get(ThreadLocalRandom.current().nextInt(subjects.size()));
						if (i % 3 == 0) {
							sealOne(subject, expected, written);
						}
						else {
							SealContext context = randomOf(written);
							assertThat(this.vault.open(this.values.get(context.rowId()), context,
									Reader.self(context.subject()), "load test"))
								.isEqualTo(expected.get(context.rowId()));
						}
					}
					catch (Throwable ex) {
						failures.add(ex);
					}
				}
			}));
		}
		started.await(30, TimeUnit.SECONDS);
		this.clock.advance(Duration.ofSeconds(1));
		this.rotation.rotateAll();
		for (int round = 0; round < 5; round++) {
			this.rotation.runOnce();
		}
		for (Future<?> worker : workers) {
			worker.get(120, TimeUnit.SECONDS);
		}
		load.shutdown();

		// Once the grace period (longer than any node's key cache) has passed, rounds retire the old keys.
		this.clock.advance(Duration.ofMinutes(10));
		KeyRotation.Progress progress;
		int rounds = 0;
		do {
			progress = this.rotation.runOnce();
		}
		while (!progress.done() && ++rounds < 50);

		assertThat(failures).isEmpty();
		assertThat(progress.done()).isTrue();
		for (String oldKey : oldKeys) {
			assertThat(this.values.countUnder(oldKey)).as("values under %s", oldKey).isZero();
			assertThat(primaryKeyOf(KeyReferences.subjectOf(oldKey))).isNotEqualTo(oldKey);
		}
		for (SealedValueStore.Stored stored : this.values.all()) {
			if (expected.containsKey(stored.context().rowId())) {
				assertThat(oldKeys).doesNotContain(stored.sealed().keyReference());
				assertThat(this.vault.open(stored.sealed(), stored.context(), Reader.self(stored.context().subject()),
						"check")).isEqualTo(expected.get(stored.context().rowId()));
			}
		}
		assertThat(this.jdbc.sql("select count(*) from vault_retiring_key").query(Long.class).single()).isZero();
		assertThat(this.jdbc.sql("select count(*) from audit_entry where action = 'vault.key.retired'")
			.query(Long.class)
			.single()).isGreaterThanOrEqualTo(subjects.size());
		assertThat(this.jdbc.sql("select count(*) from audit_entry where action = 'vault.values.reencrypted' "
				+ "and actor_id = 'vault.rotation'").query(Long.class).single()).isPositive();
	}

	private void sealOne(Subject subject, Map<String, String> expected, Queue<SealContext> written) {
		SealContext context = SealContext.of(subject, TestValueStore.FIELD, "r-" + UUID.randomUUID());
		String plaintext = "秘密-" + UUID.randomUUID();
		this.values.insert(context, this.vault.seal(context, plaintext));
		expected.put(context.rowId(), plaintext);
		written.add(context);
	}

	private static SealContext randomOf(Queue<SealContext> written) {
		List<SealContext> all = List.copyOf(written);
		return all.get(ThreadLocalRandom.current().nextInt(all.size()));
	}

	private String primaryKeyOf(Subject subject) {
		return this.vault.seal(SealContext.of(subject, TestValueStore.FIELD, "probe"), "probe").keyReference();
	}

}
