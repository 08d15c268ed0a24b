package jp.mamori.platform.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import jp.mamori.testing.TemporaryHome;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The embedded database keeps its data across restarts and recovers from a killed run. */
class EmbeddedPostgresServerTests {

	@Test
	void aSecondStartFindsTheDataOfTheFirst() {
		Path data = TemporaryHome.create().resolve("pgdata");
		try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(data, 0)) {
			JdbcClient db = JdbcClient.create(first.superuserDataSource("postgres"));
			db.sql("create table kept (value text)").update();
			db.sql("insert into kept values ('still here')").update();
		}
		assertThat(data.resolve("postmaster.pid")).doesNotExist();
		try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(data, 0)) {
			JdbcClient db = JdbcClient.create(second.superuserDataSource("postgres"));
			assertThat(db.sql("select value from kept").query(String.class).single()).isEqualTo("still here");
		}
	}

	@Test
	void aLockFileOfAProcessThatIsGoneIsRemoved() throws Exception {
		Path data = TemporaryHome.create().resolve("pgdata");
		EmbeddedPostgresServer.start(data, 0).close();
		Process gone = new ProcessBuilder("true").start();
		gone.waitFor();
		Files.writeString(data.resolve("postmaster.pid"), gone.pid() + "\n" + data.toRealPath() + "\n");
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
			assertThat(JdbcClient.create(server.superuserDataSource("postgres")).sql("select 1").query(Integer.class).single())
				.isEqualTo(1);
		}
	}

	@Test
	void aPostgresLeftRunningByAKilledJvmIsStoppedAndTheDataIsReused() throws Exception {
		Path data = TemporaryHome.create().resolve("pgdata");
		Process jvm = startInOtherJvm(data);
		try {
			long postmaster = postmasterPid(data);
			assertThat(ProcessHandle.of(postmaster)).isPresent();
			// The folder is in use while the other Mamori runs: nothing may touch it.
			assertThatIllegalStateException().isThrownBy(() -> EmbeddedPostgresServer.start(data, 0))
				.withMessageContaining("Another Mamori is already running");
			jvm.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("orphaned postmaster").hasValue(true);

			try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
				assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)).isFalse();
				assertThat(postmasterPid(data)).isNotEqualTo(postmaster);
				JdbcClient db = JdbcClient.create(server.superuserDataSource("postgres"));
				assertThat(db.sql("select count(*) from pg_database where datname = 'postgres'").query(Integer.class).single())
					.isEqualTo(1);
			}
		}
		finally {
			jvm.destroyForcibly();
		}
	}

	private static Process startInOtherJvm(Path data) throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				StandaloneEmbeddedPostgres.class.getName(), data.toString())
			.redirectErrorStream(true)
			.start();
		BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line;
		while ((line = reader.readLine()) != null) {
			if (line.startsWith("READY ")) {
				Thread.ofVirtual().start(() -> drain(reader));
				return process;
			}
		}
		throw new IllegalStateException("The other JVM did not start its PostgreSQL");
	}

	private static void drain(BufferedReader reader) {
		try {
			while (reader.readLine() != null) {
				// Keep the pipe empty so the other JVM never blocks on its output.
			}
		}
		catch (IOException ex) {
			// The other JVM is gone.
		}
	}

	private static long postmasterPid(Path data) throws IOException {
		List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"));
		return Long.parseLong(lines.get(0).trim());
	}

}
