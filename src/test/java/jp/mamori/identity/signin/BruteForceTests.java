package jp.mamori.identity.signin;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import jp.mamori.identity.CustomerAccounts;
import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.SignInResult;
import jp.mamori.platform.web.ClientAddressResolver;
import jp.mamori.testing.MutableClock;
import jp.mamori.testing.RecordedSecurityEvents;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,000 wrong passwords against one account from 20 addresses behind a trusted proxy. The bulk goes
 * through the service (with the same address resolution the controller uses), a sample over HTTPS.
 */
@IdentityTest
class BruteForceTests {

	static final String PASSWORD = "granite lullaby 月見団子 compass";

	@Autowired
	AccountFixture customers;

	@Autowired
	CustomerAccounts accounts;

	@Autowired
	PasswordSignIn signIn;

	@Autowired
	ClientAddressResolver addresses;

	@Autowired
	MutableClock clock;

	@Autowired
	RecordedSecurityEvents events;

	@Test
	void aThousandWrongPasswordsFromTwentyAddressesNeverSignInAndNeverLockBeyondTheCap() {
		String userId = "target-" + UUID.randomUUID().toString().substring(0, 8);
		CustomerId account = this.accounts.create(userId, PASSWORD);
		CustomerClient http = this.customers.client();
		int tried = 0;
		while (tried < 1000) {
			String attacker = "203.0." + (tried % 20) + ".77";
			String guess = "guess number " + tried;
			if (tried % 50 == 0) {
				HttpResponse<String> response = http.signIn(userId, guess, attacker);
				assertThat(response.statusCode()).isIn(401, 429);
				if (response.statusCode() == 429) {
					this.clock.advance(Duration.ofSeconds(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow())));
					continue;
				}
			}
			else {
				SignInResult result = this.signIn.signIn(userId, guess, throughProxy(attacker));
				assertThat(result).isNotInstanceOf(SignInResult.SignedIn.class);
				if (result instanceof SignInResult.RetryLater later) {
					this.clock.advance(later.delay());
					continue;
				}
			}
			tried++;
			this.clock.advance(Duration.ofMinutes(5));
		}
		var lockouts = this.events.named("auth.lockout.started")
			.stream()
			.filter((event) -> event.attributes().get("account_id").equals(account.toString()))
			.map((event) -> Duration.ofSeconds(Long.parseLong(event.attributes().get("duration_seconds"))))
			.toList();
		assertThat(lockouts).hasSizeGreaterThan(8).allSatisfy((duration) -> assertThat(duration)
			.isLessThanOrEqualTo(Duration.ofHours(24)));
		assertThat(lockouts).contains(Duration.ofHours(24));
		assertThat(this.events.named("auth.login.succeeded"))
			.noneMatch((event) -> account.toString().equals(event.attributes().get("account_id")));
		// When the last lockout has run out, the owner's password works again: no lockout is for good.
		this.clock.advance(Duration.ofHours(24));
		assertThat(this.signIn.signIn(userId, PASSWORD, throughProxy("192.0.2.10")))
			.isInstanceOf(SignInResult.SignedIn.class);
	}

	private ClientSource throughProxy(String client) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr("127.0.0.1");
		request.addHeader("X-Forwarded-For", client);
		ClientSource source = new ClientSource(this.addresses.resolve(request), "BruteForce/1.0");
		assertThat(source.addressText()).isEqualTo(client);
		return source;
	}

}
