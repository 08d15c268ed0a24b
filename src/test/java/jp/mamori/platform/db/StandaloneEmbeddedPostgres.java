package jp.mamori.platform.db;

import java.nio.file.Path;

/**
 * Runs the embedded PostgreSQL in a JVM of its own, so that a test can kill that JVM the way an
 * operator's {@code kill -9} or a crash would, and leave the postmaster behind.
 */
public final class StandaloneEmbeddedPostgres {

	private StandaloneEmbeddedPostgres() {
	}

	public static void main(String[] args) throws InterruptedException {
		EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), 0);
		System.out.println("READY " + server.port());
		System.out.flush();
		Thread.sleep(Long.MAX_VALUE);
	}

}
