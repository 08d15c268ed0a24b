package jp.mamori.audit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import jp.mamori.MamoriApplication;
import jp.mamori.audit.Actor;
import jp.mamori.audit.LogIntegrity;
import jp.mamori.audit.OperationLog;
import jp.mamori.audit.Verification;
import jp.mamori.platform.PlatformProperties;
import jp.mamori.testing.MamoriTest;
import jp.mamori.testing.TemporaryHome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Two Mamori nodes on one database append at once, both sealers running; the chain stays whole. */
@MamoriTest
class TwoNodesTests {

	static final int WRITERS_PER_NODE = 8;

	static final int EACH = 300;

	@Autowired
	OperationLog log;

	@Autowired
	LogIntegrity integrity;

	@Autowired
	HikariDataSource dataSource;

	@Autowired
	PlatformProperties platform;

	@Test
	void twoNodesAppendingAndSealingAtOnceLeaveOneIntactChain() throws Exception {
		try (Superuser attacker = new Superuser(this.dataSource);
				ConfigurableApplicationContext second = secondNode()) {
			attacker.wipeLog();
			OperationLog other = second.getBean(OperationLog.class);
			ExecutorService pool = Executors.newFixedThreadPool(2 * WRITERS_PER_NODE);
			try {
				List<Future<?>> writers = new ArrayList<>();
				for (int w = 0; w < 2 * WRITERS_PER_NODE; w++) {
					OperationLog node = (w % 2 == 0) ? this.log : other;
					String actor = "writer-" + w;
					writers.add(pool.submit(() -> {
						for (int i = 0; i < EACH; i++) {
							node.record(Actor.staff(actor), "order.viewed", "order-" + i, null, Map.of("i", i));
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
			second.getBean(LogIntegrity.class).seal();
			this.integrity.seal();
			Verification result = this.integrity.verify();
			int total = 2 * WRITERS_PER_NODE * EACH;
			assertThat(result.intact()).as("%s", result.problem()).isTrue();
			assertThat(result.entriesChecked()).isEqualTo(total);
			assertThat(second.getBean(LogIntegrity.class).verify().intact()).isTrue();
			assertThat(attacker.count("select count(*) from audit_entry")).isEqualTo(total);
			assertThat(attacker.count("select count(distinct entry_id) from audit_chain")).isEqualTo(total);
		}
	}

	private ConfigurableApplicationContext secondNode() {
		return new SpringApplicationBuilder(MamoriApplication.class).web(WebApplicationType.NONE)
			// Arguments, not default properties: application.yml would override those.
			.run("--mamori.home=" + TemporaryHome.create(), "--mamori.db.url=" + this.dataSource.getJdbcUrl(),
					"--mamori.db.owner-user=mamori_owner", "--mamori.db.migrate=true", "--mamori.db.pool-size=10",
					"--mamori.audit.signing-key-file=" + this.platform.home().resolve("keys/audit-signing.pem"),
					"--mamori.audit.mac-key-file=" + this.platform.home().resolve("keys/audit-mac.key"));
	}

}
