package jp.mamori.platform.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import jp.mamori.testing.MamoriTest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalManagementPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Health and metrics live on their own port, bound to this machine only. */
@MamoriTest
class ManagementTests {

	@LocalManagementPort
	int managementPort;

	@Value("${management.server.address}")
	String managementAddress;

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void healthAndPrometheusMetricsAnswerOnTheManagementPort() throws Exception {
		HttpResponse<String> health = get("/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"");
		HttpResponse<String> metrics = get("/actuator/prometheus");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
	}

	@Test
	void theManagementPortIsBoundToLoopbackOnly() {
		assertThat(this.managementAddress).isEqualTo("127.0.0.1");
	}

	@Test
	void nothingElseOfTheActuatorIsExposed() throws Exception {
		assertThat(get("/actuator/env").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/beans").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/heapdump").statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
