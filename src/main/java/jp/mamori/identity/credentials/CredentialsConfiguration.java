package jp.mamori.identity.credentials;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.mamori.platform.DevelopmentDefaults;
import jp.mamori.platform.PlatformProperties;
import jp.mamori.platform.SecurityEvents;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires identity's ground: Argon2id hashing, the password policy, the per-source throttle and the lockout. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ IdentityProperties.class, IdentityKeyProperties.class })
class CredentialsConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(CredentialsConfiguration.class);

	/**
	 * Security decision: the key of codes, link tokens and session IDs never enters the database.
	 * Without a configured key file a development key is generated beside the data, loudly, and never in
	 * production.
	 */
	@Bean
	SecretDigests secretDigests(IdentityKeyProperties properties, PlatformProperties platform,
			Environment environment) {
		Path file;
		if (properties.file().isBlank()) {
			DevelopmentDefaults.refuseInProduction(environment, "a generated identity key",
					"MAMORI_IDENTITY_KEYS_FILE (base64 of 32 random bytes, kept outside the database)");
			file = platform.home().resolve("keys/identity.key");
			if (IdentityKeyFile.ensure(file)) {
				logger.warn("Generated the identity key in {}. It is a development default: production must supply "
						+ "its own through mamori.identity.keys.file, and keep it out of the database and its backups",
						file.toAbsolutePath());
			}
		}
		else {
			file = Path.of(properties.file());
		}
		List<byte[]> retired = properties.previousFiles()
			.stream()
			.filter((name) -> !name.isBlank())
			.map((name) -> IdentityKeyFile.read(Path.of(name)))
			.toList();
		return new SecretDigests(IdentityKeyFile.read(file), retired);
	}

	/** The stored form of session IDs: a keyed hash under identity's key. */
	@Bean
	SessionIds sessionIds(SecretDigests digests) {
		return new SessionIds(digests);
	}

	@Bean
	OneTimeCodes oneTimeCodes(SecretDigests digests) {
		return new OneTimeCodes(digests);
	}

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
	InFlightSignIns inFlightSignIns(JdbcClient jdbc, IdentityProperties properties, Clock clock,
			SecretDigests digests) {
		return new InFlightSignIns(jdbc, properties.inFlight(), clock, digests);
	}

	@Bean
	JdbcSourceThrottle sourceThrottle(JdbcClient jdbc, PlatformTransactionManager transactions,
			IdentityProperties properties, Clock clock) {
		return new JdbcSourceThrottle(jdbc, new TransactionTemplate(transactions), properties.throttle(), clock);
	}

}
