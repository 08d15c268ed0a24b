package jp.mamori.identity.account;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.Registering;
import jp.mamori.identity.api.CustomerApiSecurity;
import jp.mamori.identity.api.CustomerSessionHttpTests;
import jp.mamori.identity.api.UnlockController;
import jp.mamori.identity.signin.EmailCodeTests;
import jp.mamori.testing.MutableClock;
import jp.mamori.testing.RecordedSecurityEvents;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail a customer gets when a lockout starts, its single-use unlock link, and the sign-in notice
 * after a second factor, over real HTTPS with the dev mailbox.
 */
@IdentityTest
public class LockoutMailTests {

	public static final Pattern LINK = Pattern.compile("(https://\\S+)/account/unlock\\?token=([A-Za-z0-9_-]{43})");

	public static final String LOCKOUT_SUBJECT = "【Mamori】アカウントを一時的にロックしました";

	@Autowired
	UnlockTokens unlockTokens;

	@Autowired
	AccountFixture customers;

	@Autowired
	MutableClock clock;

	@Autowired
	RecordedSecurityEvents events;

	@Autowired
	JdbcClient jdbc;

	Registering registering;

	String userId;

	String email;

	String customer;

	@BeforeEach
	void registerACustomer() {
		this.registering = this.customers.registering();
		String unique = UUID.randomUUID().toString().substring(0, 8);
		this.userId = "lockmail" + unique;
		this.email = "lockmail" + unique + "@example.jp";
		this.customer = this.registering
			.registerAndConfirm(Registering.request(this.userId, this.email, "鈴木", "スズキ"));
	}

	@Test
	void aLockoutMailsTheOwnerALinkThatEndsItOnce() {
		String attackerAddress = lockOut();
		String text = awaitLockoutMail();
		assertThat(text).contains(attackerAddress)
			.contains("Chrome (Windows)")
			.contains("日本時間")
			.contains("Japan time")
			.contains("メールで届くコード")
			.contains("change your password")
			.doesNotContain(this.userId);
		Matcher link = LINK.matcher(text);
		assertThat(link.find()).as("an unlock link in the mail").isTrue();
		assertThat(link.group(1)).isEqualTo("https://localhost:8443");
		String token = link.group(2);
		// Stored only as a hash.
		assertThat(this.jdbc.sql("select encode(token_hash, 'hex') from identity_unlock_token where account_id = ?::uuid")
			.param(this.customer)
			.query(String.class)
			.single()).isNotEqualTo(token).isEqualTo(HexFormat.of().formatHex(this.unlockTokens.hash(token)));
		assertThat(signIn(Registering.PASSWORD).statusCode()).as("locked").isEqualTo(401);

		HttpResponse<String> unlocked = unlock(token, "en");
		assertThat(unlocked.statusCode()).as(unlocked.body()).isEqualTo(200);
		assertThat(this.events.named("auth.lockout.ended")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("account_id", this.customer)
			.containsEntry("reason", "unlock_link")
			.containsKey("source_address")
			.containsEntry("user_agent", "-"));
		assertThat(signIn(Registering.PASSWORD).statusCode()).isEqualTo(200);

		HttpResponse<String> again = unlock(token, "ja");
		assertThat(again.statusCode()).isEqualTo(400);
		assertThat(again.body()).contains("urn:mamori:problem:unlock-link-invalid")
			.contains("このロック解除リンクは使えません");
	}

	@Test
	void theLockoutEventNamesTheSourceAndUserAgentButNoPersonalData() {
		String attackerAddress = lockOut();
		assertThat(this.events.named("auth.lockout.started")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("account_id", this.customer)
			.containsEntry("source_address", attackerAddress)
			.containsEntry("user_agent", EmailCodeTests.CHROME_ON_WINDOWS)
			.doesNotContainValue(this.userId));
	}

	@Test
	void anUnlockLinkExpiresAfterADay() {
		lockOut();
		String token = token(awaitLockoutMail());
		this.clock.advance(Duration.ofHours(24));
		HttpResponse<String> expired = unlock(token, "en");
		assertThat(expired.statusCode()).isEqualTo(400);
		assertThat(expired.body()).contains("unlock-link-invalid").contains("You can always sign in with a code");
	}

	@Test
	void guessingTokensIsThrottled() {
		String address = CustomerSessionHttpTests.address();
		CustomerClient guesser = this.customers.aBrowser();
		int throttled = 0;
		List<String> answers = new java.util.ArrayList<>();
		for (int i = 0; i < 8; i++) {
			HttpResponse<String> response = guesser.postJson(UnlockController.PATH,
					Map.of("token", Base64.getUrlEncoder().withoutPadding()
						.encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII))),
					"X-Forwarded-For", address);
			answers.add(response.statusCode() + " " + response.body());
			if (response.statusCode() == 429) {
				assertThat(response.headers().firstValue("Retry-After")).isPresent();
				throttled++;
			}
			else {
				assertThat(response.statusCode()).isEqualTo(400);
			}
		}
		assertThat(throttled).as("%s", answers).isPositive();
		assertThat(this.events.named("auth.unlock.failed")).anySatisfy((event) -> assertThat(event.attributes())
			.containsEntry("source_address", address)
			.doesNotContainKey("account_id"));
	}

	@Test
	void aMalformedUnlockRequestIsAClearProblem() {
		HttpResponse<String> response = this.customers.aBrowser().postJson(UnlockController.PATH,
				Map.of("token", "x".repeat(500)), "X-Forwarded-For", CustomerSessionHttpTests.address());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
	}

	/** Ten wrong passwords from one device, each from a fresh address so that no source is throttled. */
	private String lockOut() {
		String address = null;
		for (int i = 0; i < 10; i++) {
			address = CustomerSessionHttpTests.address();
			HttpResponse<String> response = this.customers.client()
				.postJson(CustomerApiSecurity.SESSION_PATH, Map.of("userId", this.userId, "password", "wrong " + i),
						"X-Forwarded-For", address, "User-Agent", EmailCodeTests.CHROME_ON_WINDOWS);
			assertThat(response.statusCode()).isEqualTo(401);
		}
		return address;
	}

	private HttpResponse<String> signIn(String password) {
		return this.customers.client()
			.signIn(this.userId, password, CustomerSessionHttpTests.address());
	}

	private HttpResponse<String> unlock(String token, String language) {
		return this.customers.aBrowser().postJson(UnlockController.PATH, Map.of("token", token),
				"X-Forwarded-For", CustomerSessionHttpTests.address(), "Accept-Language", language, "User-Agent", "-");
	}

	private static String token(String text) {
		Matcher link = LINK.matcher(text);
		assertThat(link.find()).isTrue();
		return link.group(2);
	}

	/**
	 * The lockout mail leaves on its own thread after the lockout commits, so it may arrive a moment
	 * after the refusal; wait for it (a delivery, not a timeout: the clock is not involved).
	 */
	private String awaitLockoutMail() {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			List<Map<?, ?>> mails = this.registering.mails(this.email)
				.stream()
				.filter((mail) -> String.valueOf(mail.get("subject")).startsWith(LOCKOUT_SUBJECT))
				.toList();
			if (!mails.isEmpty()) {
				assertThat(mails).hasSize(1);
				return (String) mails.get(0).get("text");
			}
			Thread.onSpinWait();
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("no lockout mail arrived");
	}

}
