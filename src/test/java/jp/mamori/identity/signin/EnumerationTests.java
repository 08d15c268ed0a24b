package jp.mamori.identity.signin;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import jp.mamori.identity.CustomerAccounts;
import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.api.CustomerSessionHttpTests;
import jp.mamori.identity.credentials.LockoutTests;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Existing, unknown and locked accounts are indistinguishable to a caller: status, body and time.
 * A behaviour check, not a benchmark: medians of 30 interleaved sign-ins each.
 */
@IdentityTest
class EnumerationTests {

	static final int ROUNDS = 30;

	@Autowired
	AccountFixture customers;

	@Autowired
	CustomerAccounts accounts;

	@Autowired
	PasswordSignIn signIn;

	@Test
	void existingUnknownAndLockedAccountsLookTheSame() {
		String prefix = "enum-" + UUID.randomUUID().toString().substring(0, 6);
		// Several existing accounts, so that none of them reaches the lockout threshold here.
		List<String> existing = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			existing.add(prefix + "-exists-" + i);
			this.accounts.create(existing.get(i), "meadow lantern 花火大会 " + i + " ferry");
		}
		String locked = prefix + "-locked";
		this.accounts.create(locked, "quiet harbour 紅葉狩り lantern");
		for (int i = 0; i < 10; i++) {
			this.signIn.signIn(locked, "wrong " + i, LockoutTests.source());
		}
		String unknown = prefix + "-nobody";
		// Every attempt comes from a fresh address, which needs no bot check: only the sign-in is timed.
		CustomerClient client = this.customers.client().withoutBotCheck();
		for (int i = 0; i < 3; i++) {
			// Warm-up: the first requests pay for connections and compilation.
			client.signIn(unknown, "warm up", CustomerSessionHttpTests.address());
		}
		List<Long> existingTimes = new ArrayList<>();
		List<Long> unknownTimes = new ArrayList<>();
		List<Long> lockedTimes = new ArrayList<>();
		Map<?, ?> reference = null;
		for (int round = 0; round < ROUNDS; round++) {
			String[] userIds = { existing.get(round % existing.size()), unknown, locked };
			List<List<Long>> times = List.of(existingTimes, unknownTimes, lockedTimes);
			for (int turn = 0; turn < 3; turn++) {
				// Each kind goes first, second and third in turn, so that none gains from its place.
				int kind = (turn + round) % 3;
				long start = System.nanoTime();
				HttpResponse<String> response = client.signIn(userIds[kind], "not the password " + round,
						CustomerSessionHttpTests.address());
				times.get(kind).add(System.nanoTime() - start);
				assertThat(response.statusCode()).isEqualTo(401);
				Map<?, ?> body = CustomerSessionHttpTests.withoutRequestId(response.body());
				if (reference == null) {
					reference = body;
				}
				assertThat(body).isEqualTo(reference);
			}
		}
		double existingMedian = median(existingTimes);
		double unknownMedian = median(unknownTimes);
		double lockedMedian = median(lockedTimes);
		double fastest = Math.min(existingMedian, Math.min(unknownMedian, lockedMedian));
		double slowest = Math.max(existingMedian, Math.max(unknownMedian, lockedMedian));
		assertThat(slowest / fastest)
			.as("medians (ms): existing %.1f, unknown %.1f, locked %.1f", existingMedian / 1e6, unknownMedian / 1e6,
					lockedMedian / 1e6)
			.isLessThanOrEqualTo(1.2);
	}

	private static double median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
	}

}
