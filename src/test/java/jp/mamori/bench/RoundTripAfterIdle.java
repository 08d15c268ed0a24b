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
			commits(connection);
		}
		finally {
			server.close();
			FileSystemUtils.deleteRecursively(data);
		}
	}

	/**
	 * One insert and its commit, which waits for the write-ahead log to reach the disk: the median of
	 * {@link #ROUNDS} after each idle gap, with {@code synchronous_commit} on and off.
	 */
	private static void commits(Connection connection) throws SQLException, InterruptedException {
		try (var statement = connection.createStatement()) {
			statement.execute("create table round_trip_commits (n bigint)");
		}
		connection.setAutoCommit(false);
		System.out.printf("%n%-12s %-30s %s%n", "idle_gap_ms", "insert_commit_us (sync on)", "insert_commit_us (sync off)");
		try (PreparedStatement insert = connection.prepareStatement("insert into round_trip_commits values (?)");
				PreparedStatement off = connection.prepareStatement("set local synchronous_commit = off")) {
			for (int gap : GAPS_MS) {
				long[][] took = new long[2][ROUNDS];
				for (int mode = 0; mode < 2; mode++) {
					for (int round = 0; round < ROUNDS; round++) {
						if (gap > 0) {
							Thread.sleep(gap);
						}
						long start = System.nanoTime();
						if (mode == 1) {
							off.execute();
						}
						insert.setLong(1, round);
						insert.executeUpdate();
						connection.commit();
						took[mode][round] = System.nanoTime() - start;
					}
					Arrays.sort(took[mode]);
				}
				System.out.printf("%-12d %-30.0f %.0f%n", gap, took[0][ROUNDS / 2] / 1e3, took[1][ROUNDS / 2] / 1e3);
			}
		}
		connection.setAutoCommit(true);
	}

	private static void roundTrip(PreparedStatement select) throws SQLException {
		try (ResultSet result = select.executeQuery()) {
			result.next();
		}
	}

}
