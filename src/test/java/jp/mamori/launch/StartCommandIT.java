package jp.mamori.launch;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import jp.mamori.testing.TemporaryHome;
import jp.mamori.testing.TestHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start command's promises, kept by the packaged jar: HTTPS with a generated certificate, Ctrl-C
 * stops Mamori and its PostgreSQL, a second start reuses the data, a killed run is recovered, and the
 * production profile refuses development defaults.
 */
class StartCommandIT {

	@Test
	void startServeStopRestartAndRecoverFromAKill() throws Exception {
		Path home = TemporaryHome.create();
		try (RunningMamori mamori = new RunningMamori(home)) {
			mamori.start();
			mamori.awaitHealthy();
			Path certificate = home.resolve("tls/server.crt");
			String firstCertificate = Files.readString(certificate);
			TestHttp https = new TestHttp(home, mamori.httpsPort);
			HttpResponse<String> page = https.get("/");
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.headers().firstValue("Strict-Transport-Security")).isPresent();
			HttpResponse<String> redirect = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + mamori.httpPort + "/")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(redirect.statusCode()).isEqualTo(308);
			assertThat(mamori.output()).contains("Created the embedded database").contains("https://localhost:");
			long postmaster = postmasterPid(home).orElseThrow();

			int exit = mamori.interrupt();
			assertThat(exit).as("exit code after Ctrl-C").isIn(0, 130);
			assertThat(RunningMamori.isRunning(postmaster)).as("postgres stopped").isFalse();
			assertThat(postmasterPid(home)).isEmpty();

			mamori.start();
			mamori.awaitHealthy();
			assertThat(Files.readString(certificate)).as("certificate reused").isEqualTo(firstCertificate);
			assertThat(count(mamori.output(), "Created the embedded database")).as("data reused").isEqualTo(1);
			long secondPostmaster = postmasterPid(home).orElseThrow();

			mamori.kill();
			assertThat(RunningMamori.isRunning(secondPostmaster)).as("orphaned postgres").isTrue();
			mamori.start();
			mamori.awaitHealthy();
			assertThat(RunningMamori.isRunning(secondPostmaster)).isFalse();
			assertThat(mamori.output()).contains("still serves");
			assertThat(https.get("/").statusCode()).isEqualTo(200);
			mamori.interrupt();
		}
	}

	@Test
	void theProductionProfileRefusesToStartWithDevelopmentDefaults() throws Exception {
		Path home = TemporaryHome.create();
		try (RunningMamori mamori = new RunningMamori(home)) {
			Process process = mamori.start("--spring.profiles.active=prod");
			assertThat(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).isNotZero();
			assertThat(mamori.output()).contains("Refusing to start in the 'prod' profile")
				.contains("MAMORI_DB_URL")
				.contains("MAMORI_TLS_CERTIFICATE");
			assertThat(home.resolve("pgdata")).doesNotExist();
		}
	}

	private static Optional<Long> postmasterPid(Path home) throws java.io.IOException {
		Path pidFile = home.resolve("pgdata/postmaster.pid");
		if (!Files.exists(pidFile)) {
			return Optional.empty();
		}
		List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
		return Optional.of(Long.parseLong(lines.get(0).trim()));
	}

	private static int count(String text, String needle) {
		int count = 0;
		for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
			count++;
		}
		return count;
	}

}
