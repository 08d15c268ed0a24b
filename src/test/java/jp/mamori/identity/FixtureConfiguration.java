package jp.mamori.identity;

import java.nio.file.Path;

import jp.mamori.staff.Staffing;
import jp.mamori.staff.internal.StaffAdministration;
import jp.mamori.testing.MutableClock;
import jp.mamori.testing.TemporaryHome;
import jp.mamori.testing.TestHttp;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * The identity and staff fixtures as beans of the one {@link IdentityTest} context, so a test asks for
 * {@code @Autowired AccountFixture accounts} instead of copying the server's port, home and stores into
 * fields of its own. Made lazily: the server's port is known only once it listens.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FixtureConfiguration {

	@Bean
	@Lazy
	AccountFixture accountFixture(Environment environment, TestHttp http, CustomerAccounts accounts) {
		return new AccountFixture(home(environment), port(environment), http, accounts);
	}

	@Bean
	@Lazy
	Staffing staffing(Environment environment, StaffAdministration administration, MutableClock clock) {
		return new Staffing(administration, clock, home(environment), port(environment));
	}

	private static Path home(Environment environment) {
		return Path.of(environment.getRequiredProperty(TemporaryHome.PROPERTY));
	}

	private static int port(Environment environment) {
		return environment.getRequiredProperty("local.server.port", Integer.class);
	}

}
