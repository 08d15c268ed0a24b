package jp.mamori.audit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import jp.mamori.audit.Actor;
import jp.mamori.audit.LogIntegrity;
import jp.mamori.audit.OperationLog;
import jp.mamori.audit.Verification;
import jp.mamori.testing.MamoriTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Many writers append at once while the background sealer runs; every entry is chained once. */
@MamoriTest
class ConcurrentAppendTests {

	static final int WRITERS = 16;

	static final int EACH = 500;

	@Autowired
	OperationLog log;

	@Autowired
	LogIntegrity integrity;

	@Autowired
	HikariDataSource dataSource;

	@Test
	void sixteenConcurrentWritersLeaveAnIntactChainWithEveryEntryChainedOnce() throws Exception {
		try (Superuser attacker = new Superuser(this.dataSource)) {
			attacker.wipeLog();
			ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
			try {
				List<Future<?>> writers = new ArrayList<>();
				for (int w = 0; w < WRITERS; w++) {
					String actor = "writer-" + w;
					writers.add(pool.submit(() -> {
						for (int i = 0; i < EACH; i++) {
							this.log.record(Actor.staff(actor), "order.viewed", "order-" + i, null, Map.of("i", i));
						}
					}));
				}
				for (Future<?> writer : writers) {
					writer.get();
				}
			}
			finally {
				pool.shutdown();
			}
			this.integrity.seal();
			Verification result = this.integrity.verify();
			assertThat(result.intact()).as("%s", result.problem()).isTrue();
			assertThat(result.entriesChecked()).isEqualTo(WRITERS * EACH);
			assertThat(attacker.count("select count(*) from audit_entry")).isEqualTo(WRITERS * EACH);
			assertThat(attacker.count("select count(distinct entry_id) from audit_chain")).isEqualTo(WRITERS * EACH);
			assertThat(attacker.count("select max(seq) from audit_chain")).isEqualTo(WRITERS * EACH);
		}
	}

}
