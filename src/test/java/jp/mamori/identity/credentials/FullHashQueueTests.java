package jp.mamori.identity.credentials;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerAccounts;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue in front of the Argon2 slots is bounded: with every place taken (here by the test itself,
 * as a flood of sign-ins would take them), a sign-in is answered at once instead of waiting its turn.
 */
@IdentityTest
class FullHashQueueTests {

	static final String PASSWORD = "paper crane 紫陽花 meridian";

	@Autowired
	HashingQueue queue;

	@Autowired
	AccountFixture customers;

	@Autowired
	CustomerAccounts accounts;

	@Test
	void aFullHashQueueAnswersAtOnceWith503AndRetryAfterInTheCallersLanguageAndNothingIsCounted() {
		String userId = "queue-" + UUID.randomUUID().toString().substring(0, 8);
		this.accounts.create(userId, PASSWORD);
		String address = "100.64." + ThreadLocalRandom.current().nextInt(1, 250) + ".5";
		CustomerClient client = this.customers.client().withoutBotCheck();
		int held = 0;
		try {
			for (; held < this.queue.capacity(); held++) {
				this.queue.enter();
			}
			long start = System.nanoTime();
			HttpResponse<String> english = client.signIn(userId, PASSWORD, address);
			long millis = (System.nanoTime() - start) / 1_000_000;
			assertThat(english.statusCode()).as(english.body()).isEqualTo(503);
			assertThat(english.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(english.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(english.body()).contains("urn:mamori:problem:sign-in-busy", "Try again in 1 s")
				.doesNotContain(userId);
			// The queue's wait (250 ms) and one request's work, never the time of the flood ahead.
			assertThat(millis).isLessThan(5_000);
			HttpResponse<String> japanese = client.postJson("/api/v1/customer/session",
					Map.of("userId", "nobody-" + UUID.randomUUID(), "password", "whatever it is"),
					"Accept-Language", "ja", "X-Forwarded-For", address);
			assertThat(japanese.statusCode()).isEqualTo(503);
			assertThat(japanese.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(japanese.body()).contains("混み合って");
		}
		finally {
			for (int i = 0; i < held; i++) {
				this.queue.leave();
			}
		}
		// Nothing was counted against the account or the address meanwhile: the right password works.
		assertThat(client.signIn(userId, PASSWORD, address).statusCode()).isEqualTo(200);
	}

}
