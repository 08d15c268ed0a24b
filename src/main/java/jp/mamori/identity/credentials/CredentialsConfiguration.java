package jp.mamori.identity.credentials;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import jp.mamori.platform.SecurityEvents;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires identity's ground: Argon2id hashing, the password policy, the per-source throttle and the lockout. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class CredentialsConfiguration {

	@Bean
	HashingQueue hashingQueue(IdentityProperties properties) {
		return HashingQueue.of(properties.argon2());
	}

	@Bean
	MeteredPasswordHasher passwordHasher(IdentityProperties properties, HashingQueue queue,
			ObjectProvider<MeterRegistry> meters, ObjectProvider<ObservationRegistry> observations) {
		return new MeteredPasswordHasher(new Argon2idHasher(properties.argon2(), queue),
				meters.getIfAvailable(SimpleMeterRegistry::new),
				observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	/** Boot registers it with the observation registry: it times every request's work besides its hashes. */
	@Bean
	TimeBesidesHash timeBesidesHash(ObjectProvider<MeterRegistry> meters) {
		return new TimeBesidesHash(meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	DefaultPasswordPolicy passwordPolicy(IdentityProperties properties) {
		return new DefaultPasswordPolicy(properties.passwords(),
				new CommonPasswords(properties.passwords().minLength()));
	}

	@Bean
	JdbcAccountLockout accountLockout(JdbcClient jdbc, PlatformTransactionManager transactions,
			IdentityProperties properties, SecurityEvents events, Clock clock,
			ObjectProvider<LockoutListener> listener) {
		return new JdbcAccountLockout(jdbc, new TransactionTemplate(transactions), properties.lockout(), events,
				clock, listener.getIfAvailable(() -> LockoutListener.NONE));
	}

	@Bean
	InFlightSignIns inFlightSignIns(JdbcClient jdbc, IdentityProperties properties, Clock clock) {
		return new InFlightSignIns(jdbc, properties.inFlight(), clock);
	}

	@Bean
	JdbcSourceThrottle sourceThrottle(JdbcClient jdbc, PlatformTransactionManager transactions,
			IdentityProperties properties, Clock clock) {
		return new JdbcSourceThrottle(jdbc, new TransactionTemplate(transactions), properties.throttle(), clock);
	}

}
