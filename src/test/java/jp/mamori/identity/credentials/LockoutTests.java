package jp.mamori.identity.credentials;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.identity.CustomerAccounts;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.account.CustomerAccountRepository;
import jp.mamori.identity.api.CustomerSessionHttpTests;
import jp.mamori.identity.signin.PasswordSignIn;
import jp.mamori.identity.signin.SignInReads;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.testing.MutableClock;
import jp.mamori.testing.RecordedSecurityEvents;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Lockout after consecutive failures, doubling to a cap, ending with time; hashes upgraded at sign-in. */
@IdentityTest
public class LockoutTests {

	static final String PASSWORD = "kettle meadow 桜並木 harbour";

	@Autowired
	InFlightSignIns inFlight;

	@Autowired
	CustomerAccounts accounts;

	@Autowired
	PasswordSignIn signIn;

	@Autowired
	MutableClock clock;

	@Autowired
	RecordedSecurityEvents events;

	@Autowired
	CustomerAccountRepository repository;

	@Autowired
	AccountLockout lockout;

	@Autowired
	SourceThrottle throttle;

	@Autowired
	SecurityEvents securityEvents;

	@Autowired
	JdbcClient jdbc;

	String userId;

	CustomerId account;

	@BeforeEach
	void createAccount() {
		this.userId = "lock-" + UUID.randomUUID().toString().substring(0, 8);
		this.account = this.accounts.create(this.userId, PASSWORD);
	}

	@Test
	void tenWrongPasswordsLockTheAccountForFifteenMinutesAndThenItOpensAgain() {
		failTimes(9);
		assertThat(signIn(PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
		failTimes(10);
		assertThat(lockoutDurations()).containsExactly(Duration.ofMinutes(15));
		// Even the right password is refused while locked, with the same answer as a wrong one.
		assertThat(signIn(PASSWORD)).isInstanceOf(SignInResult.Refused.class);
		this.clock.advance(Duration.ofMinutes(15));
		assertThat(signIn(PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
		assertThat(this.events.named("auth.lockout.ended")).anyMatch(
				(event) -> event.attributes().get("account_id").equals(this.account.toString()));
	}

	@Test
	void eachFurtherLockoutDoublesUpToADayAndNoFurther() {
		for (int i = 0; i < 9; i++) {
			failTimes(10);
			this.clock.advance(lockoutDurations().get(i));
		}
		assertThat(lockoutDurations()).containsExactly(Duration.ofMinutes(15), Duration.ofMinutes(30),
				Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(16),
				Duration.ofHours(24), Duration.ofHours(24));
		assertThat(signIn(PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
	}

	@Test
	void failuresDuringALockoutDoNotProlongIt() {
		failTimes(10);
		failTimes(25);
		assertThat(lockoutDurations()).containsExactly(Duration.ofMinutes(15));
		this.clock.advance(Duration.ofMinutes(15));
		assertThat(signIn(PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
	}

	@Test
	void anotherWayInCanEndTheLockout() {
		failTimes(10);
		this.lockout.end(this.account, "email_code");
		assertThat(signIn(PASSWORD)).isInstanceOf(SignInResult.SignedIn.class);
	}

	@Test
	void aHashIsRecomputedWithRaisedParametersAtTheNextSignIn() {
		String before = this.repository.findByUserIdKey(this.userId).orElseThrow().passwordHash();
		assertThat(before).contains("m=19456,t=2,p=1");
		PasswordSignIn raised = new PasswordSignIn(new SignInReads(this.jdbc, this.inFlight), this.repository,
				new Argon2idHasher(new IdentityProperties.Argon2(19456 * 2, 3, 1, 0)), this.lockout, this.throttle,
				this.securityEvents);
		assertThat(raised.signIn(this.userId, "not " + PASSWORD, source())).isInstanceOf(SignInResult.Refused.class);
		assertThat(this.repository.findByUserIdKey(this.userId).orElseThrow().passwordHash()).isEqualTo(before);
		assertThat(raised.signIn(this.userId, PASSWORD, source())).isInstanceOf(SignInResult.SignedIn.class);
		String after = this.repository.findByUserIdKey(this.userId).orElseThrow().passwordHash();
		assertThat(after).contains("m=38912,t=3,p=1").isNotEqualTo(before);
		assertThat(raised.signIn(this.userId, PASSWORD, source())).isInstanceOf(SignInResult.SignedIn.class);
		assertThat(this.signIn.signIn(this.userId, PASSWORD, source())).isInstanceOf(SignInResult.SignedIn.class);
	}

	@Test
	void aSourceThatKeepsFailingIsToldToWaitLongerEachTime() {
		ClientSource source = source();
		for (int i = 0; i < 5; i++) {
			assertThat(this.signIn.signIn("nobody-" + i, "guess " + i, source)).isInstanceOf(SignInResult.Refused.class);
		}
		assertThat(this.signIn.signIn("nobody-5", "guess", source)).isInstanceOf(SignInResult.Refused.class);
		assertThat(this.signIn.signIn("nobody-6", "guess", source)).isEqualTo(new SignInResult.RetryLater(Duration.ofSeconds(1)));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.signIn.signIn("nobody-7", "guess", source)).isInstanceOf(SignInResult.Refused.class);
		assertThat(this.signIn.signIn("nobody-8", "guess", source)).isEqualTo(new SignInResult.RetryLater(Duration.ofSeconds(2)));
		// Only the source waits: the same account from elsewhere is answered at once.
		assertThat(this.signIn.signIn(this.userId, PASSWORD, source())).isInstanceOf(SignInResult.SignedIn.class);
	}

	private void failTimes(int times) {
		for (int i = 0; i < times; i++) {
			assertThat(signIn("wrong " + i)).isInstanceOf(SignInResult.Refused.class);
		}
	}

	private SignInResult signIn(String password) {
		return this.signIn.signIn(this.userId, password, source());
	}

	private List<Duration> lockoutDurations() {
		return this.events.named("auth.lockout.started")
			.stream()
			.filter((event) -> event.attributes().get("account_id").equals(this.account.toString()))
			.map((event) -> Duration.ofSeconds(Long.parseLong(event.attributes().get("duration_seconds"))))
			.toList();
	}

	/** Each attempt from a new address, so that source delays do not get in the way of account lockout. */
	public static ClientSource source() {
		try {
			return new ClientSource(InetAddress.getByName(CustomerSessionHttpTests.address()), "LockoutTests");
		}
		catch (java.net.UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
