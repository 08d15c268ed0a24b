package jp.mamori.audit.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import jp.mamori.audit.Actor;
import jp.mamori.audit.LogIntegrity;
import jp.mamori.audit.OperationLog;
import jp.mamori.testing.MamoriTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Verification is reachable on the management port and through {@code ./mamori verify-log}. */
@MamoriTest
class AuditLogEndpointTests {

	@LocalManagementPort
	int managementPort;

	@Autowired
	OperationLog log;

	@Autowired
	LogIntegrity integrity;

	@Autowired
	HikariDataSource dataSource;

	@Test
	void theEndpointAnswersOnTheManagementPortWithTheVerificationResult() throws Exception {
		try (Superuser attacker = new Superuser(this.dataSource)) {
			attacker.wipeLog();
			this.log.record(Actor.staff("staff-1"), "order.viewed", "order-1", null, Map.of());
			this.integrity.seal();
			HttpResponse<String> response = get();
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("\"intact\":true").contains("\"entriesChecked\":1");
			attacker.sql.sql("update audit_entry set action = 'order.deleted'").update();
			assertThat(get().body()).contains("\"intact\":false").contains("ENTRY_ALTERED");
			attacker.wipeLog();
		}
	}

	@Test
	void theCommandExitsWithZeroWhenIntactAndOneWhenNot() throws Exception {
		try (Superuser attacker = new Superuser(this.dataSource)) {
			attacker.wipeLog();
			this.log.record(Actor.staff("staff-1"), "order.viewed", "order-1", null, Map.of());
			this.integrity.seal();
			assertThat(runCommand()).isZero();
			attacker.sql.sql("delete from audit_chain").update();
			assertThat(runCommand()).isOne();
			attacker.wipeLog();
		}
	}

	private HttpResponse<String> get() throws IOException, InterruptedException {
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/auditlog"))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	private int runCommand() throws Exception {
		ProcessBuilder builder = new ProcessBuilder("./mamori", "verify-log").redirectErrorStream(true);
		builder.environment().put("MAMORI_MANAGEMENT_PORT", Integer.toString(this.managementPort));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(output).contains("\"intact\"");
		return process.exitValue();
	}

}
