package jp.mamori.identity.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * Growing delays per source address and per network (/24 or /64). Every failed sign-in counts,
 * whether or not the user ID exists, so that the delays say nothing about accounts. A delayed caller
 * is told how long to wait; the server never sleeps, so waiting costs an attacker time and Mamori
 * nothing.
 */
interface SourceThrottle {

	/** @return how long the source must still wait, or empty if it may try now */
	Optional<Duration> retryAfter(ClientSource source);

	/** Count a failed sign-in from the source, its address and its network. */
	void recordFailure(ClientSource source);

	/** @return the failed sign-ins counted against the source's own address and not yet forgotten */
	int recentFailures(ClientSource source);

}
