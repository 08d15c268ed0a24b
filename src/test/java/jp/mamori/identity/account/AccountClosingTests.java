package jp.mamori.identity.account;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerAccountClosed;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.Registering;
import jp.mamori.identity.api.AccountController;
import jp.mamori.testing.MutableClock;
import jp.mamori.testing.PostgresTools;
import jp.mamori.testing.RecordedSecurityEvents;
import jp.mamori.vault.Reader;
import jp.mamori.vault.Sealed;
import jp.mamori.vault.SubjectDestroyedException;
import jp.mamori.vault.Vault;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Closing an account deletes it and crypto-shreds the customer, over real HTTPS and a real pg_dump. */
@IdentityTest
class AccountClosingTests {

	@Autowired
	MutableClock clock;

	@Autowired
	RecordedSecurityEvents events;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HikariDataSource dataSource;

	@Autowired
	Vault vault;

	@Autowired
	AccountFixture accounts;

	AccountFixture.Customer customer;

	final List<CustomerAccountClosed> closings = new CopyOnWriteArrayList<>();

	@BeforeEach
	void registerACustomer(@Autowired ConfigurableApplicationContext context) {
		// Published on the server's thread, so recorded by a listener rather than per test thread.
		context.addApplicationListener(ApplicationListener.forPayload((payload) -> {
			if (payload instanceof CustomerAccountClosed closed) {
				this.closings.add(closed);
			}
		}));
		this.customer = this.accounts.aConfirmedCustomer("closing");
	}

	@Test
	void closingNeedsAFreshSignInAndThePassword() {
		CustomerClient client = this.accounts.signedIn(this.customer.userId(), Registering.PASSWORD);
		this.clock.advance(Duration.ofMinutes(11));
		HttpResponse<String> stale = client.deleteJson(AccountController.ACCOUNT_PATH,
				Map.of("password", Registering.PASSWORD));
		assertThat(stale.statusCode()).isEqualTo(403);
		assertThat(stale.body()).contains("urn:mamori:problem:account-fresh-sign-in-required");
		client = this.accounts.signedIn(this.customer.userId(), Registering.PASSWORD);
		HttpResponse<String> wrong = client.deleteJson(AccountController.ACCOUNT_PATH, Map.of("password", "wrong one"));
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("urn:mamori:problem:current-password-wrong");
		HttpResponse<String> none = client.deleteJson(AccountController.ACCOUNT_PATH, Map.of());
		assertThat(none.statusCode()).isEqualTo(400);
		assertThat(client.session().statusCode()).isEqualTo(200);
		assertThat(accountRows()).isOne();
	}

	@Test
	void aClosedAccountIsGoneItsSealedValuesCannotBeOpenedEvenFromAnOldDumpAndItsUserIdIsFreeAgain() {
		UUID id = UUID.fromString(this.customer.id());
		CustomerClient other = this.accounts.signedIn(this.customer.userId(), Registering.PASSWORD);
		CustomerClient client = this.accounts.signedIn(this.customer.userId(), Registering.PASSWORD);
		PostgresTools postgres = new PostgresTools(this.dataSource);
		String backup = postgres.dump();

		HttpResponse<String> closed = client.deleteJson(AccountController.ACCOUNT_PATH,
				Map.of("password", Registering.PASSWORD));
		assertThat(closed.statusCode()).as(closed.body()).isEqualTo(204);

		assertThat(client.session().statusCode()).isEqualTo(401);
		assertThat(other.session().statusCode()).isEqualTo(401);
		assertThat(this.accounts.mails(this.customer.email(), "Your Mamori account was closed")).hasSize(1);
		assertThat(this.events.named("auth.account.closed"))
			.anySatisfy((event) -> assertThat(event.attributes()).containsEntry("account_id", this.customer.id()));
		assertThat(this.closings).containsExactly(new CustomerAccountClosed(new CustomerId(id)));
		assertThat(accountRows()).isZero();
		assertThat(this.jdbc.sql("select count(*) from vault_keyset where subject_id = ?")
			.param(id.toString())
			.query(Long.class)
			.single()).isZero();
		assertThat(postgres.dump()).doesNotContain(this.customer.userId());

		// An attacker holding the old dump puts its wrapped keyset back and asks the vault to open every value.
		String restoredName = "closed_" + Long.toHexString(System.nanoTime());
		postgres.restore(backup, restoredName);
		try (SingleConnectionDataSource restored = postgres.superuser(restoredName)) {
			JdbcClient old = JdbcClient.create(restored);
			List<Sealed> sealed = old.sql("""
					select name_sealed, name_key_ref, email_sealed, email_key_ref, household_sealed, household_key_ref
					from identity_customer_account where id = ?""")
				.param(id)
				.query((rs, row) -> List.of(Sealed.of(rs.getBytes(1), rs.getString(2)),
						Sealed.of(rs.getBytes(3), rs.getString(4)), Sealed.of(rs.getBytes(5), rs.getString(6))))
				.single();
			old.sql("select subject_kind, subject_id, version, keyset, primary_key_id, primary_since from vault_keyset "
					+ "where subject_id = ?")
				.param(id.toString())
				.query((rs, row) -> this.jdbc.sql("""
						insert into vault_keyset (subject_kind, subject_id, version, keyset, primary_key_id, primary_since)
						values (?, ?, ?, ?, ?, ?)""")
					.params(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBytes(4), rs.getLong(5),
							rs.getTimestamp(6))
					.update())
				.list();
			try {
				List<String> fields = List.of(CustomerFields.NAME, CustomerFields.EMAIL, CustomerFields.HOUSEHOLD);
				for (int i = 0; i < sealed.size(); i++) {
					Sealed value = sealed.get(i);
					String field = fields.get(i);
					assertThatThrownBy(() -> this.vault.open(value, CustomerFields.context(id, field),
							Reader.self(CustomerFields.subject(id)), "closing test"))
						.isInstanceOf(SubjectDestroyedException.class);
				}
			}
			finally {
				this.jdbc.sql("delete from vault_keyset where subject_id = ?").param(id.toString()).update();
			}
		}

		// The user ID and the e-mail address can be registered again, as a new account.
		String again = this.accounts.registering()
			.registerAndConfirm(Registering.request(this.customer.userId(), this.customer.email(), "山田", "ヤマダ"));
		assertThat(again).isNotEqualTo(this.customer.id());
	}

	private long accountRows() {
		return this.jdbc.sql("select count(*) from identity_customer_account where id = ?")
			.param(UUID.fromString(this.customer.id()))
			.query(Long.class)
			.single();
	}

}
