package jp.mamori.identity.credentials;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Growing delays per source address and per network (/24 or /64). Every failed sign-in counts,
 * whether or not the user ID exists, so that the delays say nothing about accounts. A delayed caller
 * is told how long to wait; the server never sleeps, so waiting costs an attacker time and Mamori
 * nothing.
 */
public interface SourceThrottle {

	/** @return how long the source must still wait, or empty if it may try now */
	Optional<Duration> retryAfter(ClientSource source);

	/** Count a failed sign-in from the source, its address and its network. */
	void recordFailure(ClientSource source);

	/** @return the failed sign-ins counted against the source's own address and not yet forgotten */
	int recentFailures(ClientSource source);

	/**
	 * The values of {@link JdbcSourceThrottle#STANDING}'s parameters for {@code source}, for a statement
	 * that reads the source's standing together with something else, in one round trip; what it reads
	 * goes to {@link #retryAfter(Standing)}.
	 */
	Object[] standingParameters(ClientSource source);

	/** @return how long a source of {@code standing} must still wait, or empty if it may try now */
	Optional<Duration> retryAfter(Standing standing);

	/**
	 * What the throttle knows of a source.
	 * @param recentFailures failures counted against the address and not yet forgotten
	 * @param blockedUntil until when the address or its network is blocked, or {@code null}
	 */
	record Standing(int recentFailures, Instant blockedUntil) {

		/** @return the standing in {@link JdbcSourceThrottle#STANDING}'s two columns, from {@code column} on */
		public static Standing read(ResultSet row, int column) throws SQLException {
			Timestamp blockedUntil = row.getTimestamp(column + 1);
			return new Standing(row.getInt(column), (blockedUntil != null) ? blockedUntil.toInstant() : null);
		}

	}

}
