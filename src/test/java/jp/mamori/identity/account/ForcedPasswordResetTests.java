package jp.mamori.identity.account;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.Registering;
import jp.mamori.identity.api.CustomerSessionHttpTests;
import jp.mamori.testing.RecordedSecurityEvents;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** An operator's forced password reset (breach response), through {@code ./mamori force-password-reset}. */
@IdentityTest
class ForcedPasswordResetTests {

	@LocalManagementPort
	int managementPort;

	@Autowired
	RecordedSecurityEvents events;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AccountFixture accounts;

	AccountFixture.Customer forced;

	AccountFixture.Customer spared;

	@BeforeEach
	void registerCustomers() {
		this.forced = this.accounts.aConfirmedCustomer("forced");
		this.spared = this.accounts.aConfirmedCustomer("spared");
	}

	@Test
	void theCommandEndsTheChosenCustomersSessionsAndIsInTheOperationLog() throws Exception {
		CustomerClient forcedSession = this.accounts.signedIn(this.forced.userId(), Registering.PASSWORD);
		CustomerClient sparedSession = this.accounts.signedIn(this.spared.userId(), Registering.PASSWORD);
		long logged = loggedForcings();
		Command command = run("force-password-reset", "--customers", this.forced.id());
		assertThat(command.exit()).as(command.output()).isZero();
		assertThat(command.output()).contains("\"accounts\":1").contains("\"scope\":\"customers\"");
		assertThat(forcedSession.session().statusCode()).isEqualTo(401);
		assertThat(sparedSession.session().statusCode()).isEqualTo(200);
		assertThat(loggedForcings()).isEqualTo(logged + 1);
		assertThat(this.events.named("auth.password.reset_forced"))
			.anySatisfy((event) -> assertThat(event.attributes()).containsEntry("account_id", this.forced.id()))
			.noneSatisfy((event) -> assertThat(event.attributes()).containsEntry("account_id", this.spared.id()));
		assertThat(force(Map.of("customers", "x,y")).statusCode()).isEqualTo(400);
		assertThat(run("force-password-reset").exit()).isEqualTo(2);
		assertThat(run("force-password-reset", "--customers", "not-a-uuid;").exit()).isEqualTo(2);
	}

	@Test
	void aRightPasswordGetsAClearProblemAndALinkAWrongOneTheUniformRefusal() throws Exception {
		assertThat(force(Map.of("customers", this.forced.id(), "operator", "tester")).statusCode()).isEqualTo(200);
		CustomerClient client = this.accounts.client();
		HttpResponse<String> right = client.signIn(this.forced.userId(), Registering.PASSWORD,
				CustomerSessionHttpTests.address());
		assertThat(right.statusCode()).isEqualTo(403);
		assertThat(right.body()).contains("urn:mamori:problem:password-reset-required")
			.contains("A new password is required");
		assertThat(client.session().statusCode()).isEqualTo(401);
		assertThat(this.accounts.mails(this.forced.email(), "Please set a new password")).hasSize(1);
		HttpResponse<String> wrong = this.accounts.client().signIn(this.forced.userId(), "a wrong password",
				CustomerSessionHttpTests.address());
		HttpResponse<String> unknown = this.accounts.client().signIn("nobody" + UUID.randomUUID().toString().substring(0, 8),
				"a wrong password", CustomerSessionHttpTests.address());
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(CustomerSessionHttpTests.withoutRequestId(wrong.body()))
			.isEqualTo(CustomerSessionHttpTests.withoutRequestId(unknown.body()));

		// The e-mail code still signs in, and the account keeps the flag until a new password is set.
		this.accounts.signedInByCode(this.forced.email());
		assertThat(flagged(this.forced)).isTrue();
		assertThat(this.accounts.completeReset(this.accounts.resetToken(this.forced.email()),
				PasswordResetTests.NEW_PASSWORD).statusCode()).isEqualTo(204);
		assertThat(flagged(this.forced)).isFalse();
		this.accounts.signedIn(this.forced.userId(), PasswordResetTests.NEW_PASSWORD);
		this.accounts.signedIn(this.spared.userId(), Registering.PASSWORD);
	}

	@Test
	void allCustomersCanBeForcedAtOnce() throws Exception {
		try {
			HttpResponse<String> response = force(Map.of("all", true, "operator", "tester"));
			assertThat(response.statusCode()).isEqualTo(200);
			long total = this.jdbc.sql("select count(*) from identity_customer_account").query(Long.class).single();
			assertThat(response.body()).contains("\"scope\":\"all\"").contains("\"accounts\":" + total);
			assertThat(flagged(this.forced)).isTrue();
			assertThat(flagged(this.spared)).isTrue();
			assertThat(this.accounts.client().signIn(this.spared.userId(), Registering.PASSWORD,
					CustomerSessionHttpTests.address()).statusCode()).isEqualTo(403);
		}
		finally {
			// Other tests share this database.
			this.jdbc.sql("update identity_customer_account set password_reset_required_at = null").update();
		}
	}

	private boolean flagged(AccountFixture.Customer customer) {
		return this.jdbc.sql("select password_reset_required_at is not null from identity_customer_account where id = ?")
			.param(UUID.fromString(customer.id()))
			.query(Boolean.class)
			.single();
	}

	private long loggedForcings() {
		return this.jdbc.sql("select count(*) from audit_entry where action = ? and actor_id = 'force-password-reset'")
			.param(ForcedPasswordResets.ACTION)
			.query(Long.class)
			.single();
	}

	private HttpResponse<String> force(Map<String, Object> body) throws IOException, InterruptedException {
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/forcepasswordreset"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(CustomerClient.json.writeValueAsString(body)))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

	record Command(int exit, String output) {
	}

	private Command run(String... arguments) throws Exception {
		String[] line = new String[arguments.length + 1];
		line[0] = "./mamori";
		System.arraycopy(arguments, 0, line, 1, arguments.length);
		ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
		builder.environment().put("MAMORI_MANAGEMENT_PORT", Integer.toString(this.managementPort));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Command(process.exitValue(), output);
	}

}
