package jp.mamori.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar started as an operator starts it: its own process, its own home folder, real
 * ports. Waiting for readiness polls the health endpoint with a deadline; nothing sleeps on faith.
 */
final class RunningMamori implements AutoCloseable {

	static final Duration START_DEADLINE = Duration.ofSeconds(120);

	final Path home;

	final int httpsPort;

	final int httpPort;

	final int managementPort;

	final int databasePort;

	final Path log;

	private Process process;

	RunningMamori(Path home) {
		this.home = home;
		this.httpsPort = freePort();
		this.httpPort = freePort();
		this.managementPort = freePort();
		this.databasePort = freePort();
		this.log = home.resolve("mamori-" + System.nanoTime() + ".log");
	}

	Process start(String... extraArguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(javaCommand(), "-jar", jar().toString(),
				"--mamori.home=" + this.home, "--server.port=" + this.httpsPort, "--mamori.http.port=" + this.httpPort,
				"--management.server.port=" + this.managementPort, "--mamori.db.embedded-port=" + this.databasePort));
		command.addAll(List.of(extraArguments));
		this.process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
			.start();
		return this.process;
	}

	/** @return how long it took until the health endpoint said UP */
	Duration awaitHealthy() throws InterruptedException {
		Instant started = Instant.now();
		HttpClient client = HttpClient.newHttpClient();
		while (Duration.between(started, Instant.now()).compareTo(START_DEADLINE) < 0) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Mamori exited with " + this.process.exitValue() + ":\n" + output());
			}
			try {
				HttpResponse<String> health = client.send(HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/health"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
					return Duration.between(started, Instant.now());
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			this.process.waitFor(250, TimeUnit.MILLISECONDS);
		}
		throw new IllegalStateException("Mamori was not healthy within " + START_DEADLINE + ":\n" + output());
	}

	/** Ctrl-C: SIGINT to the JVM alone. */
	int interrupt() throws IOException, InterruptedException {
		new ProcessBuilder("kill", "-INT", Long.toString(this.process.pid())).start().waitFor();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			throw new IllegalStateException("Mamori did not stop on SIGINT");
		}
		return this.process.exitValue();
	}

	void kill() throws InterruptedException {
		this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
	}

	Process process() {
		return this.process;
	}

	String output() {
		try {
			return Files.exists(this.log) ? Files.readString(this.log, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			kill();
		}
	}

	/** Whether a process runs; a zombie waiting for its parent to reap it has stopped running. */
	static boolean isRunning(long pid) {
		if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
			try {
				String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
				return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
			}
			catch (IOException ex) {
				return false;
			}
		}
		return false;
	}

	static Path jar() {
		return Path.of(System.getProperty("mamori.jar", "target/mamori.jar"));
	}

	static String javaCommand() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
