package jp.mamori.identity;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import jp.mamori.audit.Actor;
import jp.mamori.identity.api.AccountController;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Identity as other modules see it: only the types of its root package, in the one identity context
 * (a module-only context would need platform's beans and a database of its own, so a second context).
 */
@IdentityTest
class IdentityModuleTests {

	static final String PASSWORD = "遠い山の雪どけ水が川になる 2026";

	@Autowired
	CustomerAccounts accounts;

	@Autowired
	CustomerSupport support;

	@Autowired
	AccountFixture customers;

	@Test
	void aNewAccountSignsInWithItsUserIdInAnyWidthAndCase() {
		String userId = "module-" + UUID.randomUUID().toString().substring(0, 8);
		CustomerId id = this.accounts.create(userId, PASSWORD);
		assertThat(id).isNotNull();
		CustomerClient client = this.customers.client();
		HttpResponse<String> signedIn = client.signIn(userId.toUpperCase(), PASSWORD, "198.51.100.7");
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
		assertThat(signedIn.body()).contains(id.toString());
	}

	@Test
	void aTakenUserIdAWeakPasswordAndAnUnusableUserIdAreRefusedWithTheirOwnExceptions() {
		String userId = "module-" + UUID.randomUUID().toString().substring(0, 8);
		this.accounts.create(userId, PASSWORD);
		assertThatThrownBy(() -> this.accounts.create(userId.toUpperCase(), PASSWORD))
			.isInstanceOf(UserIdUnavailableException.class);
		assertThatThrownBy(() -> this.accounts.create("module-" + UUID.randomUUID().toString().substring(0, 8), "12345678"))
			.isInstanceOf(PasswordRefusedException.class);
		assertThatThrownBy(() -> this.accounts.create("", PASSWORD)).isInstanceOf(InvalidUserIdException.class);
	}

	@Test
	void staffSeeACustomerMaskedAndNoOneWhoDoesNotExist() {
		AccountFixture.Customer customer = this.customers.aConfirmedCustomer("module");
		Actor staff = Actor.staff(UUID.randomUUID().toString());
		CustomerSupport.CustomerView view = this.support
			.find(new CustomerId(UUID.fromString(customer.id())), staff)
			.orElseThrow();
		assertThat(view.customerId()).isEqualTo(customer.id());
		assertThat(view.password()).isTrue();
		assertThat(view.passwordResetRequired()).isFalse();
		assertThat(view.email()).isNotNull().isNotEqualTo(customer.email());
		assertThat(view.name()).isNotNull().doesNotContain("花子");
		assertThat(this.support.find(CustomerId.random(), staff)).isEmpty();
	}

	@Test
	void aForcedResetEndsTheCustomersSessionsAndMakesThemChooseANewPassword() {
		AccountFixture.Customer customer = this.customers.aConfirmedCustomer("module");
		CustomerId id = new CustomerId(UUID.fromString(customer.id()));
		CustomerClient signedIn = this.customers.signedIn(customer.userId(), Registering.PASSWORD);
		Actor staff = Actor.staff(UUID.randomUUID().toString());

		CustomerSupport.ForcedResets resets = this.support.forcePasswordReset(Set.of(id), staff);

		assertThat(resets.requested()).isOne();
		assertThat(resets.accounts()).isOne();
		assertThat(resets.sessionsEnded()).isOne();
		assertThat(signedIn.session().statusCode()).isEqualTo(401);
		assertThat(this.support.find(id, staff).orElseThrow().passwordResetRequired()).isTrue();
	}

	@Test
	void closingAnAccountTellsOtherModulesWhichCustomerIsGone(@Autowired ConfigurableApplicationContext context) {
		// Published on the server's request thread, which thread-bound recorders (Scenario,
		// @RecordApplicationEvents) do not see; a listener on the context does.
		List<CustomerAccountClosed> closings = new CopyOnWriteArrayList<>();
		context.addApplicationListener(ApplicationListener.forPayload((payload) -> {
			if (payload instanceof CustomerAccountClosed closed) {
				closings.add(closed);
			}
		}));
		AccountFixture.Customer customer = this.customers.aConfirmedCustomer("module");
		CustomerClient client = this.customers.signedIn(customer.userId(), Registering.PASSWORD);

		HttpResponse<String> closed = client.deleteJson(AccountController.ACCOUNT_PATH,
				Map.of("password", Registering.PASSWORD));

		assertThat(closed.statusCode()).as(closed.body()).isEqualTo(204);
		assertThat(closings).containsExactly(new CustomerAccountClosed(new CustomerId(UUID.fromString(customer.id()))));
		assertThatThrownBy(() -> new CustomerAccountClosed(null)).isInstanceOf(IllegalArgumentException.class);
	}

}
