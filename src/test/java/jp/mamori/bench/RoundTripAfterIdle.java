package jp.mamori.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

import jp.mamori.platform.db.EmbeddedPostgresServer;

import org.springframework.util.FileSystemUtils;

/**
 * What one PostgreSQL round trip costs on this machine right after the database has been idle for a
 * while, as it is after each sign-in's password hash. Starts the embedded PostgreSQL exactly as Mamori
 * does (fsync and synchronous commit on) and, for each idle gap, times the first {@code select 1}
 * after the gap and the eight that follow it at once. Not a test: run it with {@code bench/db-round-trip}.
 */
public final class RoundTripAfterIdle {

	private static final int[] GAPS_MS = { 0, 1, 5, 50 };

	private static final int ROUNDS = 200;

	private RoundTripAfterIdle() {
	}

	public static void main(String[] args) throws Exception {
		Path data = Files.createTempDirectory("mamori-round-trip");
		EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data.resolve("pgdata"), 0);
		try (Connection connection = server.superuserDataSource("postgres").getConnection();
				PreparedStatement select = connection.prepareStatement("select 1")) {
			for (int i = 0; i < 5_000; i++) {
				roundTrip(select);
			}
			System.out.printf("%-12s %-22s %s%n", "idle_gap_ms", "first_round_trip_us", "next_eight_mean_us");
			for (int gap : GAPS_MS) {
				long[] first = new long[ROUNDS];
				long following = 0;
				for (int round = 0; round < ROUNDS; round++) {
					if (gap > 0) {
						Thread.sleep(gap);
					}
					long start = System.nanoTime();
					roundTrip(select);
					long afterFirst = System.nanoTime();
					for (int i = 0; i < 8; i++) {
						roundTrip(select);
					}
					first[round] = afterFirst - start;
					following += System.nanoTime() - afterFirst;
				}
				Arrays.sort(first);
				System.out.printf("%-12d %-22.0f %.0f%n", gap, first[ROUNDS / 2] / 1e3, following / 1e3 / (8.0 * ROUNDS));
			}
		}
		finally {
			server.close();
			FileSystemUtils.deleteRecursively(data);
		}
	}

	private static void roundTrip(PreparedStatement select) throws SQLException {
		try (ResultSet result = select.executeQuery()) {
			result.next();
		}
	}

}
