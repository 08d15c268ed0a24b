package jp.mamori.identity.signin;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerAccounts;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.credentials.IdentityProperties;
import jp.mamori.testing.MutableClock;
import jp.mamori.testing.RecordedSecurityEvents;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of sign-ins sent at the same moment, over HTTPS, each from its own forwarded address: a
 * parallel burst must buy no more guesses than the same attempts one after another. Argon2
 * verifications are counted by the hasher's meter ({@code mamori.identity.password.hash},
 * {@code operation=verify}; the dummy verifications of unknown and locked accounts are counted apart).
 */
@IdentityTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ParallelBurstTests {

	static final String PASSWORD = "lantern harbour 抹茶 quartz";

	static final int BURST = 200;

	@Autowired
	AccountFixture customers;

	@Autowired
	CustomerAccounts accounts;

	@Autowired
	MeterRegistry meters;

	@Autowired
	RecordedSecurityEvents events;

	@Autowired
	MutableClock clock;

	@Autowired
	IdentityProperties settings;

	@Test
	void aBurstAgainstOneAccountEvaluatesAtMostTheThresholdPlusTheInFlightCapAndTheRightPasswordOpensNothing()
			throws Exception {
		String userId = "burst-" + UUID.randomUUID().toString().substring(0, 8);
		CustomerId account = this.accounts.create(userId, PASSWORD);
		long before = verifications();
		CustomerClient attacker = this.customers.client().withoutBotCheck();
		// Each guess from a network of its own, so that no source throttle answers in the account's place.
		int net = ThreadLocalRandom.current().nextInt(0, 50);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<HttpResponse<String>>> guesses = new ArrayList<>();
			for (int i = 0; i < BURST - 1; i++) {
				String address = "10." + (net * 4 + i / 250) + "." + (i % 250) + ".9";
				String guess = "wrong guess " + i;
				guesses.add(threads.submit(() -> attacker.signIn(userId, guess, address)));
			}
			// The right password goes in once the threshold was reached, while the burst still runs.
			awaitLockout(account, userId, guesses);
			CustomerClient owner = this.customers.client().withoutBotCheck();
			HttpResponse<String> right = owner.signIn(userId, PASSWORD, "10." + (net * 4 + 3) + ".251.9");
			for (Future<HttpResponse<String>> guess : guesses) {
				assertThat(guess.get().statusCode()).as(guess.get().body()).isIn(401, 429, 503);
			}
			assertThat(right.statusCode()).as(right.body()).isIn(401, 429, 503);
			assertThat(owner.session().statusCode()).isEqualTo(401);
		}
		assertThat(this.events.named("auth.login.succeeded"))
			.noneMatch((event) -> account.toString().equals(event.attributes().get("account_id")));
		assertThat(verifications() - before).as("Argon2 verifications of the account's hash")
			.isLessThanOrEqualTo(this.settings.lockout().threshold() + this.settings.inFlight().perAccount());
		this.clock.advance(Duration.ofDays(1));
	}

	@Test
	void sprayingOneWrongPasswordOverManyAccountsFromOneNetworkIsBoundedToo() throws Exception {
		List<String> userIds = new ArrayList<>();
		for (int i = 0; i < BURST; i++) {
			String userId = "spray-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
			this.accounts.create(userId, PASSWORD);
			userIds.add(userId);
		}
		long before = verifications();
		CustomerClient attacker = this.customers.client().withoutBotCheck();
		int third = ThreadLocalRandom.current().nextInt(60, 250);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<HttpResponse<String>>> guesses = new ArrayList<>();
			for (int i = 0; i < BURST; i++) {
				// One /24, every address used once: no address reaches its own free failures.
				String address = "172.20." + third + "." + (i + 1);
				String userId = userIds.get(i);
				guesses.add(threads.submit(() -> attacker.signIn(userId, "Summer2026!", address)));
			}
			for (Future<HttpResponse<String>> guess : guesses) {
				assertThat(guess.get().statusCode()).as(guess.get().body()).isIn(401, 429, 503);
			}
		}
		// The network's free failures, plus what the in-flight cap lets run while the last of them are
		// being counted (the cap once more for attempts that read the standing just before a count).
		int bound = this.settings.throttle().networkFreeFailures() + 2 * this.settings.inFlight().perNetwork();
		assertThat(verifications() - before).as("Argon2 verifications during the spray").isLessThanOrEqualTo(bound);
		this.clock.advance(Duration.ofDays(1));
	}

	@Test
	void otherCustomersStillSignInDuringABurst() throws Exception {
		String userId = "victim-" + UUID.randomUUID().toString().substring(0, 8);
		this.accounts.create(userId, PASSWORD);
		List<String> others = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			String other = "calm-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
			this.accounts.create(other, PASSWORD);
			others.add(other);
		}
		CustomerClient attacker = this.customers.client().withoutBotCheck();
		int net = ThreadLocalRandom.current().nextInt(50, 60);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<HttpResponse<String>>> guesses = new ArrayList<>();
			for (int i = 0; i < BURST; i++) {
				String address = "10." + (net * 4 + i / 250) + "." + (i % 250) + ".77";
				String guess = "another wrong guess " + i;
				guesses.add(threads.submit(() -> attacker.signIn(userId, guess, address)));
			}
			List<Future<HttpResponse<String>>> signIns = new ArrayList<>();
			for (int i = 0; i < others.size(); i++) {
				String other = others.get(i);
				String address = "192.168." + ThreadLocalRandom.current().nextInt(1, 250) + "." + (i + 1);
				signIns.add(threads.submit(() -> this.customers.client().withoutBotCheck()
					.signIn(other, PASSWORD, address)));
			}
			for (Future<HttpResponse<String>> signIn : signIns) {
				assertThat(signIn.get().statusCode()).as(signIn.get().body()).isEqualTo(200);
			}
			for (Future<HttpResponse<String>> guess : guesses) {
				assertThat(guess.get().statusCode()).isIn(401, 429, 503);
			}
		}
		this.clock.advance(Duration.ofDays(1));
	}

	/**
	 * Wait for the account's lockout to start, or, should the burst end first with fewer failures
	 * counted, add wrong guesses one at a time until it does.
	 */
	private void awaitLockout(CustomerId account, String userId, List<Future<HttpResponse<String>>> burst) {
		CustomerClient late = this.customers.client().withoutBotCheck();
		int extra = 0;
		while (!locked(account)) {
			if (burst.stream().allMatch(Future::isDone)) {
				assertThat(extra).as("wrong guesses added after the burst").isLessThan(20);
				late.signIn(userId, "late guess " + extra, "10.250." + extra + ".9");
				extra++;
			}
			else {
				LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
			}
		}
	}

	private boolean locked(CustomerId account) {
		return this.events.named("auth.lockout.started")
			.stream()
			.anyMatch((event) -> account.toString().equals(event.attributes().get("account_id")));
	}

	private long verifications() {
		Timer timer = this.meters.find("mamori.identity.password.hash").tag("operation", "verify").timer();
		return (timer != null) ? timer.count() : 0;
	}

}
