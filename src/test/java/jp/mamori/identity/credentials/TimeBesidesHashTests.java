package jp.mamori.identity.credentials;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.identity.CustomerAccounts;
import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.api.CustomerApiSecurity;
import jp.mamori.identity.api.CustomerSessionHttpTests;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mamori.identity.request.besides.hash}: a sign-in's server time without its hash, over real
 * HTTPS, against the request timer and the hash timer of the same sign-in.
 */
@IdentityTest
class TimeBesidesHashTests {

	static final String PASSWORD = "harbour lantern 朝焼け 2026";

	@Autowired
	AccountFixture customers;

	@Autowired
	CustomerAccounts accounts;

	@Autowired
	MeterRegistry meters;

	String userId;

	@BeforeEach
	void createAccount() {
		this.userId = "timed-" + UUID.randomUUID().toString().substring(0, 8);
		this.accounts.create(this.userId, PASSWORD);
	}

	@Test
	void aSignInIsTimedWithoutItsHash() {
		Supplier<Timer> besides = () -> this.meters.find(TimeBesidesHash.METER)
			.tags("method", "POST", "uri", CustomerApiSecurity.SESSION_PATH, "status", "200")
			.timer();
		Supplier<Timer> requests = () -> this.meters.find("http.server.requests")
			.tags("method", "POST", "uri", CustomerApiSecurity.SESSION_PATH, "status", "200")
			.timer();
		Supplier<Timer> verifications = () -> this.meters.find(MeteredPasswordHasher.METER)
			.tag("operation", "verify")
			.timer();
		// A first sign-in registers both timers: the first registration of a timer happens inside one of the
		// two windows (a few milliseconds in a fresh context), and this test compares the windows' lengths.
		long first = count(besides.get());
		long firstRequest = count(requests.get());
		assertThat(signIn().statusCode()).isEqualTo(200);
		awaitCount(besides, first + 1);
		awaitCount(requests, firstRequest + 1);
		long count = count(besides.get());
		long requestCount = count(requests.get());
		double besidesBefore = total(besides.get());
		double requestsBefore = total(requests.get());
		double hashBefore = total(verifications.get());

		HttpResponse<String> signedIn = signIn();
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
		// The observation ends once the response is on its way; wait for that (a delivery, not a timeout).
		awaitCount(besides, count + 1);
		awaitCount(requests, requestCount + 1);

		double timedBesides = total(besides.get()) - besidesBefore;
		double timedRequest = total(requests.get()) - requestsBefore;
		double hash = total(verifications.get()) - hashBefore;
		assertThat(hash).as("one Argon2id verification").isGreaterThan(1.0);
		assertThat(timedBesides).isPositive().isLessThan(timedRequest);
		assertThat(timedBesides).as("the request's time less its hash")
			.isCloseTo(timedRequest - hash, org.assertj.core.data.Offset.offset(2.0));
	}

	private HttpResponse<String> signIn() {
		return this.customers.client()
			.postJson(CustomerApiSecurity.SESSION_PATH, Map.of("userId", this.userId, "password", PASSWORD),
					"X-Forwarded-For", CustomerSessionHttpTests.address());
	}

	@Test
	void aRequestWithoutAHashIsNotTimed() {
		long before = this.meters.find(TimeBesidesHash.METER).timers().stream().mapToLong(Timer::count).sum();
		Supplier<Timer> tokens = () -> this.meters.find("http.server.requests")
			.tags("method", "GET", "uri", CustomerApiSecurity.CSRF_PATH, "status", "200")
			.timer();
		long tokensBefore = count(tokens.get());
		HttpResponse<String> token = this.customers.aBrowser().get(CustomerApiSecurity.CSRF_PATH);
		assertThat(token.statusCode()).isEqualTo(200);
		awaitCount(tokens, tokensBefore + 1);
		assertThat(this.meters.find(TimeBesidesHash.METER).timers().stream().mapToLong(Timer::count).sum())
			.isEqualTo(before);
	}

	private static long count(Timer timer) {
		return (timer != null) ? timer.count() : 0;
	}

	private static double total(Timer timer) {
		return (timer != null) ? timer.totalTime(TimeUnit.MILLISECONDS) : 0;
	}

	private static void awaitCount(Supplier<Timer> timer, long count) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (count(timer.get()) < count) {
			assertThat(System.nanoTime()).as("the timer counted the request").isLessThan(deadline);
			Thread.onSpinWait();
		}
	}

}
