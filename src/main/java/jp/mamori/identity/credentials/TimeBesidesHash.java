package jp.mamori.identity.credentials;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.ObservationView;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.util.Assert;

/**
 * The server time of each request that computed a password hash, without the hash:
 * {@code mamori.identity.request.besides.hash}, tagged by method, URI pattern and status, with
 * buckets from 1 ms to 1 s. It tells an operator how much of a sign-in the database, the session and
 * the web stack cost, apart from the hash that is slow on purpose; {@code ./mamori bench sign-in-load}
 * reads its median (docs/performance.md).
 *
 * <p>{@link MeteredPasswordHasher} adds each computation to the request's observation through
 * {@link #hashed}; this handler measures the request from the start to the end of that same
 * observation ({@code http.server.requests}) and subtracts.
 */
final class TimeBesidesHash implements ObservationHandler<ServerRequestObservationContext> {

	static final String METER = "mamori.identity.request.besides.hash";

	private static final Duration[] BUCKETS = buckets(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40, 50, 75, 100,
			150, 200, 300, 500, 1000);

	/** Nanoseconds a request has spent in password hashes so far. */
	private static final class Hashed extends AtomicLong {

	}

	/** When the request's observation started. */
	private record Started(long nanos) {
	}

	private final MeterRegistry registry;

	TimeBesidesHash(MeterRegistry registry) {
		Assert.notNull(registry, "registry cannot be null");
		this.registry = registry;
	}

	/**
	 * Count {@code nanos} of hashing against the HTTP request being served on this thread, if any.
	 */
	static void hashed(ObservationRegistry observations, long nanos) {
		ObservationView observation = observations.getCurrentObservation();
		while (observation != null) {
			if (observation.getContextView() instanceof ServerRequestObservationContext context) {
				Hashed hashed = context.get(Hashed.class);
				if (hashed != null) {
					hashed.addAndGet(nanos);
				}
				return;
			}
			observation = observation.getContextView().getParentObservation();
		}
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ServerRequestObservationContext;
	}

	@Override
	public void onStart(ServerRequestObservationContext context) {
		context.put(Started.class, new Started(System.nanoTime()));
		context.put(Hashed.class, new Hashed());
	}

	@Override
	public void onStop(ServerRequestObservationContext context) {
		Started started = context.get(Started.class);
		Hashed hashed = context.get(Hashed.class);
		if (started == null || hashed == null || hashed.get() == 0) {
			return;
		}
		long besides = Math.max(0, System.nanoTime() - started.nanos() - hashed.get());
		String uri = (context.getPathPattern() != null) ? context.getPathPattern() : "UNKNOWN";
		int status = (context.getResponse() != null) ? context.getResponse().getStatus() : 0;
		Timer.builder(METER)
			.description("Server time of requests that computed a password hash, without the hash")
			.tag("method", context.getCarrier().getMethod())
			.tag("uri", uri)
			.tag("status", Integer.toString(status))
			.serviceLevelObjectives(BUCKETS)
			.register(this.registry)
			.record(besides, TimeUnit.NANOSECONDS);
	}

	private static Duration[] buckets(int... millis) {
		Duration[] buckets = new Duration[millis.length];
		for (int i = 0; i < millis.length; i++) {
			buckets[i] = Duration.ofMillis(millis[i]);
		}
		return buckets;
	}

}
