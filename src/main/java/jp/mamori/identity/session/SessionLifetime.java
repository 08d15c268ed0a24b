package jp.mamori.identity.session;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

import org.springframework.util.Assert;

/**
 * How long a customer's session may live, measured with the injected {@link Clock}: at most
 * {@code absolute} after sign-in however busy it is, and at most {@code idle} after its last request.
 *
 * <p>Security decisions:
 * <ul>
 * <li>The absolute limit caps what a stolen session cookie is worth, even one kept alive by a script.</li>
 * <li>Spring Session measures idleness with the system clock and sets a session's last access time as
 * it loads the session, so that time cannot tell how long the session was idle before this request.
 * The time of the last request is therefore kept in the session ({@link CustomerSessions#LAST_SEEN_AT}),
 * written at most once per {@link #LAST_SEEN_PRECISION} so that busy sessions do not write on every
 * request; a session may thus end up to that much before its idle timeout, never after it.</li>
 * </ul>
 */
final class SessionLifetime {

	/** How stale the stored time of the last request may become before it is written again. */
	static final Duration LAST_SEEN_PRECISION = Duration.ofMinutes(1);

	/** Why a session ended. */
	enum Ending {

		/** The session may go on. */
		NONE,

		/** More than the absolute timeout since sign-in. */
		ABSOLUTE,

		/** More than the idle timeout since the last request. */
		IDLE

	}

	private final Duration absolute;

	private final Duration idle;

	private final Clock clock;

	SessionLifetime(Duration absolute, Duration idle, Clock clock) {
		Assert.isTrue(absolute.isPositive() && idle.isPositive(), "timeouts must be positive");
		Assert.notNull(clock, "clock cannot be null");
		this.absolute = absolute;
		this.idle = idle;
		this.clock = clock;
	}

	/**
	 * @param attributes reads one of the session's attributes by name
	 * @return whether and why the session has ended; sessions nobody signed in to have no limit here
	 */
	Ending ending(Function<String, Object> attributes) {
		if (!(attributes.apply(CustomerSessions.SIGNED_IN_AT) instanceof Long signedInAt)) {
			return Ending.NONE;
		}
		long now = this.clock.millis();
		if (now - signedInAt >= this.absolute.toMillis()) {
			return Ending.ABSOLUTE;
		}
		long lastSeen = (attributes.apply(CustomerSessions.LAST_SEEN_AT) instanceof Long at) ? at : signedInAt;
		return (now - lastSeen >= this.idle.toMillis()) ? Ending.IDLE : Ending.NONE;
	}

	/** @return whether the stored time of the last request is stale enough to be written again */
	boolean lastSeenStale(Function<String, Object> attributes) {
		return !(attributes.apply(CustomerSessions.LAST_SEEN_AT) instanceof Long at)
				|| this.clock.millis() - at >= LAST_SEEN_PRECISION.toMillis();
	}

	long now() {
		return this.clock.millis();
	}

}
