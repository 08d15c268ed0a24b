package jp.mamori.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Debian's PostgreSQL client tools ({@code pg_dump}, {@code createdb}, {@code psql}) against the
 * embedded server, as its superuser, the way an operator (or an attacker with a stolen dump) uses them.
 */
public final class PostgresTools {

	private final String port;

	private final String database;

	public PostgresTools(HikariDataSource applicationPool) {
		URI uri = URI.create(applicationPool.getJdbcUrl().substring("jdbc:".length()));
		this.port = Integer.toString(uri.getPort());
		this.database = uri.getPath().substring(1);
	}

	/** @return a plain-text dump of Mamori's database, data included */
	public String dump() {
		return run("pg_dump", "-h", "127.0.0.1", "-p", this.port, "-U", "postgres", "--no-password", "-d", this.database);
	}

	/** Restore a plain-text dump into a new database. */
	public void restore(String dump, String scratchDatabase) {
		run("createdb", "-h", "127.0.0.1", "-p", this.port, "-U", "postgres", "--no-password", scratchDatabase);
		try {
			Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), "dump-", ".sql");
			try {
				Files.writeString(file, dump, StandardCharsets.UTF_8);
				run("psql", "-h", "127.0.0.1", "-p", this.port, "-U", "postgres", "--no-password", "-q",
						"-v", "ON_ERROR_STOP=1", "-d", scratchDatabase, "-f", file.toString());
			}
			finally {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** @return a superuser connection to another database on the same server */
	public SingleConnectionDataSource superuser(String database) {
		return new SingleConnectionDataSource("jdbc:postgresql://127.0.0.1:" + this.port + "/" + database, "postgres",
				"", true);
	}

	private static String run(String... command) {
		List<String> line = new ArrayList<>(List.of(command));
		try {
			Process process = new ProcessBuilder(line).redirectErrorStream(false).start();
			process.getOutputStream().close();
			byte[] out = process.getInputStream().readAllBytes();
			String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(command[0] + " failed: " + err);
			}
			return new String(out, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + command[0] + " (Debian's postgresql-client-15)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
