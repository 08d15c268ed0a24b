package jp.mamori.identity.api;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.identity.CustomerAccounts;
import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.IdentityTest;
import jp.mamori.platform.SecurityEvent;
import jp.mamori.testing.RecordedSecurityEvents;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

/** Password sign-in over real HTTPS, with cookies and CSRF tokens like a browser's. */
@IdentityTest
public class CustomerSessionHttpTests {

	static final String PASSWORD = "lantern orchard 七つの海 2026";

	@Autowired
	AccountFixture customers;

	@Autowired
	CustomerAccounts accounts;

	@Autowired
	RecordedSecurityEvents events;

	@Autowired
	JdbcClient jdbc;

	String userId;

	CustomerId account;

	@BeforeEach
	void createAccount() {
		this.userId = "http-" + UUID.randomUUID().toString().substring(0, 8);
		this.account = this.accounts.create(this.userId, PASSWORD);
	}

	@Test
	void signInWithTheRightPasswordOpensASessionInASecureCookie() {
		CustomerClient client = this.customers.client();
		HttpResponse<String> response = client.signIn(this.userId.toUpperCase(), PASSWORD, address());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains(this.account.toString()).doesNotContain(this.userId);
		String setCookie = response.headers().allValues("Set-Cookie").stream()
			.filter((value) -> value.startsWith("__Host-MAMORI_SESSION="))
			.findFirst()
			.orElseThrow();
		assertThat(setCookie).contains("Secure").contains("HttpOnly").contains("SameSite=Lax");
		HttpResponse<String> session = client.session();
		assertThat(session.statusCode()).isEqualTo(200);
		assertThat(session.body()).contains(this.account.toString()).contains("\"idleTimeoutSeconds\":1800");
	}

	@Test
	void theSessionIdChangesAtSignIn() {
		CustomerClient client = this.customers.client();
		client.signIn(this.userId, PASSWORD, address());
		String first = client.cookie("__Host-MAMORI_SESSION").orElseThrow();
		client.withCsrfToken();
		assertThat(client.signIn(this.userId, PASSWORD, address()).statusCode()).isEqualTo(200);
		assertThat(client.cookie("__Host-MAMORI_SESSION").orElseThrow()).isNotEqualTo(first);
	}

	@Test
	void aWrongPasswordIsAUniformProblemAndOpensNoSession() {
		CustomerClient client = this.customers.client();
		HttpResponse<String> response = client.signIn(this.userId, PASSWORD + "!", address());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("urn:mamori:problem:sign-in-failed").doesNotContain(this.userId);
		assertThat(client.cookie("__Host-MAMORI_SESSION")).isEmpty();
		assertThat(client.session().statusCode()).isEqualTo(401);
	}

	@Test
	void theSessionIsCommittedWithTheSignInsRecordAndEvent() {
		CompletableFuture<long[]> atCommit = new CompletableFuture<>();
		inTheSignInsTransaction((event) -> new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				// From another thread, so on another connection: what every node sees at that moment.
				atCommit.complete(CompletableFuture
					.supplyAsync(() -> new long[] { sessionRows(), succeededEntries() })
					.join());
			}

		});
		CustomerClient client = this.customers.client();
		assertThat(client.signIn(this.userId, PASSWORD, address()).statusCode()).isEqualTo(200);
		assertThat(atCommit.getNow(null)).as("sessions and history entries when the sign-in committed")
			.containsExactly(1, 1);
		assertThat(client.session().statusCode()).isEqualTo(200);
	}

	/**
	 * The sign-in's record, event and session are written-only rows: they reach the database together,
	 * in the commit's own round trip, not one statement each while the sign-in runs.
	 */
	@Test
	void theSignInsRowsReachTheDatabaseTogetherWithTheCommit() {
		CompletableFuture<long[]> beforeTheirRoundTrip = new CompletableFuture<>();
		inTheSignInsTransaction((event) -> new TransactionSynchronization() {

			@Override
			public int getOrder() {
				return HIGHEST_PRECEDENCE;
			}

			@Override
			public void beforeCommit(boolean readOnly) {
				// On the sign-in's own connection and transaction: what it has written so far.
				beforeTheirRoundTrip.complete(new long[] { sessionRows(), succeededEntries(), stored(event) });
			}

		});
		CustomerClient client = this.customers.client();
		assertThat(client.signIn(this.userId, PASSWORD, address()).statusCode()).isEqualTo(200);
		assertThat(beforeTheirRoundTrip.getNow(null)).as("session, history entry and event before the commit")
			.containsExactly(0, 0, 0);
		assertThat(sessionRows()).isOne();
		assertThat(succeededEntries()).isOne();
		assertThat(client.session().statusCode()).isEqualTo(200);
	}

	@Test
	void aSignInWhoseCommitFailsLeavesNoSessionNoRecordAndNoCookie() {
		inTheSignInsTransaction((event) -> new TransactionSynchronization() {

			@Override
			public void beforeCommit(boolean readOnly) {
				throw new IllegalStateException("the database refused the commit (test)");
			}

		});
		CustomerClient client = this.customers.client();
		HttpResponse<String> response = client.signIn(this.userId, PASSWORD, address());
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).doesNotContain("IllegalStateException").doesNotContain("refused the commit");
		assertThat(client.cookie("__Host-MAMORI_SESSION")).isEmpty();
		assertThat(sessionRows()).isZero();
		assertThat(succeededEntries()).isZero();
		assertThat(client.session().statusCode()).isEqualTo(401);
		// Nothing is left broken: the next attempt signs in.
		client.withCsrfToken();
		assertThat(client.signIn(this.userId, PASSWORD, address()).statusCode()).isEqualTo(200);
		assertThat(sessionRows()).isOne();
	}

	/**
	 * Register the synchronization {@code hook} makes in the transaction of the account's next successful
	 * sign-in, as it publishes its event.
	 */
	private void inTheSignInsTransaction(Function<SecurityEvent, TransactionSynchronization> hook) {
		this.events.onNext(this::succeededForTheAccount,
				(event) -> TransactionSynchronizationManager.registerSynchronization(hook.apply(event)));
	}

	private boolean succeededForTheAccount(SecurityEvent event) {
		return event.name().equals("auth.login.succeeded")
				&& this.account.toString().equals(event.attributes().get("account_id"));
	}

	private long stored(SecurityEvent event) {
		return this.jdbc.sql("select count(*) from security_event where id = ?")
			.param(event.id())
			.query(Long.class)
			.single();
	}

	private long sessionRows() {
		return this.jdbc.sql("select count(*) from spring_session where principal_name = ?")
			.param(this.account.toString())
			.query(Long.class)
			.single();
	}

	private long succeededEntries() {
		return this.jdbc
			.sql("select count(*) from identity_sign_in_history where account_id = ? and result = 'succeeded'")
			.param(this.account.value())
			.query(Long.class)
			.single();
	}

	@Test
	void signingInNeedsACsrfTokenEvenWithoutCookies() {
		CustomerClient client = this.customers.aBrowser();
		HttpResponse<String> response = client.signIn(this.userId, PASSWORD, address());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("csrf-invalid");
	}

	@Test
	void signingOutEndsTheSession() {
		CustomerClient client = this.customers.client();
		assertThat(client.signIn(this.userId, PASSWORD, address()).statusCode()).isEqualTo(200);
		client.withCsrfToken();
		assertThat(client.signOut().statusCode()).isEqualTo(204);
		assertThat(client.session().statusCode()).isEqualTo(401);
	}

	@Test
	void signInsAreAnnouncedWithTheAccountAndSourceButNeverTheUserId() {
		CustomerClient client = this.customers.client();
		String address = address();
		assertThat(client.signIn(this.userId, "wrong " + PASSWORD, address).statusCode()).isEqualTo(401);
		HttpResponse<String> signedIn = client.signIn(this.userId, PASSWORD, address);
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
		SecurityEvent failed = latest("auth.login.failed");
		SecurityEvent succeeded = latest("auth.login.succeeded");
		for (SecurityEvent event : new SecurityEvent[] { failed, succeeded }) {
			assertThat(event.attributes()).containsEntry("method", "password")
				.containsEntry("source_address", address)
				.containsEntry("account_id", this.account.toString())
				.containsEntry("user_agent", "CustomerClient/1.0 (test)");
			assertThat(event.attributes().values()).noneMatch((value) -> value.contains(this.userId)
					|| value.contains("lantern"));
		}
		assertThat(failed.attributes()).containsEntry("reason", "bad_password");
	}

	private SecurityEvent latest(String name) {
		var named = this.events.named(name)
			.stream()
			.filter((event) -> this.account.toString().equals(event.attributes().get("account_id")))
			.toList();
		assertThat(named).isNotEmpty();
		return named.get(named.size() - 1);
	}

	/** A fresh client address for each sign-in, so throttling from earlier tests does not interfere. */
	public static String address() {
		UUID random = UUID.randomUUID();
		return "198.18." + Math.floorMod(random.getMostSignificantBits(), 256) + "."
				+ (1 + Math.floorMod(random.getLeastSignificantBits(), 254));
	}

	public static Map<?, ?> withoutRequestId(String body) {
		Map<?, ?> parsed = CustomerClient.json.readValue(body, Map.class);
		parsed.remove("requestId");
		return parsed;
	}

}
