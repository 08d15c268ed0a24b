package jp.mamori.identity.session;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.identity.CustomerAccounts;
import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.api.CustomerApiSecurity;
import jp.mamori.identity.api.CustomerSessionHttpTests;
import jp.mamori.identity.api.SessionListController;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.LockoutTests;
import jp.mamori.platform.db.DeferredWrites;
import jp.mamori.testing.PostgresTools;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Every sign-in attempt against an account, as its owner reads it over real HTTPS. */
@IdentityTest
class SignInHistoryTests {

	static final String PASSWORD = "river lantern 夕焼け小焼け 2026";

	static final String CHROME_ON_ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 "
			+ "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

	@Autowired
	AccountFixture customers;

	@Autowired
	CustomerAccounts accounts;

	@Autowired
	SignInHistory history;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HikariDataSource dataSource;

	@Autowired
	DeferredWrites writes;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	Clock clock;

	@Autowired
	SignInNoticeOutbox notices;

	String userId;

	CustomerId account;

	@BeforeEach
	void createAccount() {
		this.userId = "hist-" + UUID.randomUUID().toString().substring(0, 8);
		this.account = this.accounts.create(this.userId, PASSWORD);
	}

	@Test
	void theOwnerSeesRefusedAndSucceededSignInsWithDeviceAddressAndMethod() {
		String address = CustomerSessionHttpTests.address();
		CustomerClient client = this.customers.client();
		assertThat(signIn(client, "not " + PASSWORD, address).statusCode()).isEqualTo(401);
		assertThat(signIn(client, PASSWORD, address).statusCode()).isEqualTo(200);

		List<Map<String, Object>> entries = entries(client);
		assertThat(entries).hasSize(2);
		assertThat(entries.get(0)).containsEntry("method", "password")
			.containsEntry("result", "succeeded")
			.containsEntry("address", address)
			.containsEntry("device", "Chrome (Android)");
		assertThat(entries.get(1)).containsEntry("result", "refused").containsEntry("method", "password");
		assertThat((String) entries.get(0).get("time")).startsWith("20");
		// The summary is stored, never the header itself.
		assertThat(this.jdbc.sql("select count(*) from identity_sign_in_history where device like '%Mozilla%'")
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aCustomerSeesOnlyTheirOwnHistory() {
		String otherUserId = "hist-" + UUID.randomUUID().toString().substring(0, 8);
		this.accounts.create(otherUserId, PASSWORD);
		CustomerClient other = this.customers.client();
		assertThat(other.signIn(otherUserId, "wrong " + PASSWORD, CustomerSessionHttpTests.address()).statusCode())
			.isEqualTo(401);

		CustomerClient client = this.customers.client();
		assertThat(signIn(client, PASSWORD, CustomerSessionHttpTests.address()).statusCode()).isEqualTo(200);
		assertThat(entries(client)).hasSize(1).allSatisfy((entry) -> assertThat(entry).containsEntry("result", "succeeded"));
	}

	@Test
	void theHistoryNeedsASignIn() {
		HttpResponse<String> response = this.customers.aBrowser().get(SessionListController.HISTORY_PATH);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("urn:mamori:problem:");
	}

	@Test
	void eachAccountKeepsOnlyItsNewestFiftyEntriesTrimmedAfterTheRecordingNotDuringIt() {
		List<Runnable> trims = new ArrayList<>();
		JdbcSignInHistory history = new JdbcSignInHistory(this.jdbc, this.writes, this.transactionManager, this.clock,
				this.notices, trims::add);
		ClientSource source = LockoutTests.source();
		for (int i = 0; i < SignInHistory.KEPT + 5; i++) {
			history.record(this.account, SignInHistory.Method.PASSWORD, SignInHistory.Result.REFUSED, source);
		}
		history.record(this.account, SignInHistory.Method.EMAIL_CODE, SignInHistory.Result.REFUSED, source);
		assertThat(entriesStored()).as("recording deletes nothing").isEqualTo(SignInHistory.KEPT + 6);
		assertThat(trims).as("one trim for all the entries recorded before it starts").hasSize(1);

		trims.remove(0).run();
		assertThat(entriesStored()).isEqualTo(SignInHistory.KEPT);
		List<SignInHistory.Entry> recent = history.recent(this.account);
		assertThat(recent).hasSize(SignInHistory.KEPT);
		assertThat(recent.get(0).method()).isEqualTo("email_code");
		assertThat(history.trim()).as("nothing left to trim").isZero();
	}

	@Test
	void aRecordingThatRollsBackAsksForNoTrim() {
		List<Runnable> trims = new ArrayList<>();
		JdbcSignInHistory history = new JdbcSignInHistory(this.jdbc, this.writes, this.transactionManager, this.clock,
				this.notices, trims::add);
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			history.record(this.account, SignInHistory.Method.PASSWORD, SignInHistory.Result.REFUSED,
					LockoutTests.source());
			assertThat(trims).as("not before the commit").isEmpty();
			status.setRollbackOnly();
		});
		assertThat(trims).isEmpty();
		assertThat(entriesStored()).isZero();
	}

	private long entriesStored() {
		return this.jdbc.sql("select count(*) from identity_sign_in_history where account_id = ?")
			.param(this.account.value())
			.query(Long.class)
			.single();
	}

	@Test
	void anAttemptWithoutAnAccountRecordsNothing() {
		long before = this.jdbc.sql("select count(*) from identity_sign_in_history").query(Long.class).single();
		this.history.record(null, SignInHistory.Method.PASSWORD, SignInHistory.Result.REFUSED, LockoutTests.source());
		CustomerClient client = this.customers.client();
		assertThat(client.signIn("nobody-" + this.userId, PASSWORD, CustomerSessionHttpTests.address()).statusCode())
			.isEqualTo(401);
		assertThat(this.jdbc.sql("select count(*) from identity_sign_in_history").query(Long.class).single())
			.isEqualTo(before);
	}

	@Test
	void closingTheAccountDeletesItsHistory() {
		this.history.record(this.account, SignInHistory.Method.PASSWORD, SignInHistory.Result.SUCCEEDED,
				LockoutTests.source());
		// As the account closing will: the application's role may not delete accounts yet.
		String url = this.dataSource.getJdbcUrl();
		String database = URI.create(url.substring("jdbc:".length())).getPath().substring(1);
		JdbcClient.create(new PostgresTools(this.dataSource).superuser(database))
			.sql("delete from identity_customer_account where id = ?")
			.param(this.account.value())
			.update();
		assertThat(this.jdbc.sql("select count(*) from identity_sign_in_history where account_id = ?")
			.param(this.account.value())
			.query(Long.class)
			.single()).isZero();
	}

	private HttpResponse<String> signIn(CustomerClient client, String password, String address) {
		return client.postJson(CustomerApiSecurity.SESSION_PATH, Map.of("userId", this.userId, "password", password),
				"X-Forwarded-For", address, "User-Agent", CHROME_ON_ANDROID);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> entries(CustomerClient client) {
		HttpResponse<String> response = client.get(SessionListController.HISTORY_PATH);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return (List<Map<String, Object>>) CustomerClient.json.readValue(response.body(), Map.class).get("entries");
	}

}
