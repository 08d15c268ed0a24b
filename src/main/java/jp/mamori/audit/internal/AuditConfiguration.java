package jp.mamori.audit.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.mamori.audit.LogIntegrity;
import jp.mamori.audit.OperationLog;
import jp.mamori.audit.SecurityEventLog;
import jp.mamori.platform.DevelopmentDefaults;
import jp.mamori.platform.PlatformProperties;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.platform.db.DeferredWrites;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The operation log, its sealer and verifier, and the security-event store. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(AuditConfiguration.class);

	@Bean
	OperationLog operationLog(JdbcClient jdbc, Clock clock, AuditProperties properties, EntryMac entryMac) {
		return new JdbcOperationLog(jdbc, clock, properties.maxDetailsLength(), entryMac);
	}

	/**
	 * Security decision: the entries' MAC key never enters the database. Without a configured key file
	 * a development key is generated beside the data, loudly, and never in production.
	 */
	@Bean
	EntryMac entryMac(AuditProperties properties, PlatformProperties platform, Environment environment) {
		Path file;
		if (properties.macKeyFile().isBlank()) {
			DevelopmentDefaults.refuseInProduction(environment, "a generated operation-log MAC key",
					"MAMORI_AUDIT_MAC_KEY_FILE (base64 of 32 random bytes, kept outside the database)");
			file = platform.home().resolve("keys/audit-mac.key");
			if (MacKeyFile.ensure(file)) {
				logger.warn("Generated an operation-log MAC key in {}. It is a development default: production must "
						+ "supply its own through mamori.audit.mac-key-file, and keep it out of the database and its "
						+ "backups", file.toAbsolutePath());
			}
		}
		else {
			file = Path.of(properties.macKeyFile());
		}
		List<byte[]> retired = properties.previousMacKeyFiles()
			.stream()
			.filter((name) -> !name.isBlank())
			.map((name) -> MacKeyFile.read(Path.of(name)))
			.toList();
		return new EntryMac(MacKeyFile.read(file), retired);
	}

	/**
	 * Security decision: the signing key never enters the database. Without a configured key file a
	 * development key is generated beside the data, loudly, and never in production.
	 */
	@Bean
	CheckpointSigner checkpointSigner(AuditProperties properties, PlatformProperties platform,
			Environment environment) {
		Path file;
		if (properties.signingKeyFile().isBlank()) {
			DevelopmentDefaults.refuseInProduction(environment, "a generated operation-log signing key",
					"MAMORI_AUDIT_SIGNING_KEY_FILE (an Ed25519 PKCS#8 PEM key kept outside the database)");
			file = platform.home().resolve("keys/audit-signing.pem");
			if (SigningKeyFile.ensure(file)) {
				logger.warn("Generated an operation-log signing key in {}. It is a development default: production "
						+ "must supply its own through mamori.audit.signing-key-file, and keep it out of the database "
						+ "and its backups", file.toAbsolutePath());
			}
		}
		else {
			file = Path.of(properties.signingKeyFile());
		}
		return new CheckpointSigner(SigningKeyFile.read(file));
	}

	@Bean
	SealingWatch sealingWatch(JdbcClient jdbc, CheckpointSigner signer, SecurityEvents events,
			ObjectProvider<MeterRegistry> meters, Clock clock, AuditProperties properties) {
		return new SealingWatch(jdbc, signer, events, meters.getIfAvailable(SimpleMeterRegistry::new), clock,
				properties.maxUnsealedAge());
	}

	@Bean
	AuditLogHealthIndicator auditLogHealthIndicator(SealingWatch watch) {
		return new AuditLogHealthIndicator(watch);
	}

	/**
	 * Security decision: the sealer works on the sealer's pool, as the only role that may write the
	 * chain and its checkpoints, in transactions of its own.
	 */
	@Bean
	ChainSealer chainSealer(@Qualifier("sealerDataSource") DataSource sealerDataSource, CheckpointSigner signer,
			EntryMac entryMac, SealingWatch watch, Clock clock, AuditProperties properties) {
		return new ChainSealer(new JdbcTemplate(sealerDataSource),
				new TransactionTemplate(new DataSourceTransactionManager(sealerDataSource)), signer, entryMac, watch,
				clock, properties.sealBatchSize());
	}

	@Bean
	LogIntegrity logIntegrity(ChainSealer sealer, JdbcClient jdbc, PlatformTransactionManager transactionManager,
			CheckpointSigner signer, EntryMac entryMac, Clock clock, AuditProperties properties) {
		return new JdbcLogIntegrity(sealer, new ChainVerifier(jdbc, new TransactionTemplate(transactionManager), signer,
				entryMac, clock, properties.sealingGrace(), properties.verifyFetchSize(),
				properties.verifySegmentSize()));
	}

	@Bean
	SealingSchedule sealingSchedule(ChainSealer sealer, SealingWatch watch, AuditProperties properties) {
		return new SealingSchedule(sealer, properties.sealInterval(), watch, properties.watchInterval());
	}

	@Bean
	SecurityEventRecorder securityEventLog(JdbcClient jdbc, DeferredWrites writes, ObjectProvider<JsonMapper> json) {
		return new SecurityEventRecorder(jdbc, writes, json.getIfAvailable(JsonMapper::shared));
	}

	@Bean
	AuditLogEndpoint auditLogEndpoint(LogIntegrity integrity) {
		return new AuditLogEndpoint(integrity);
	}

	@Bean
	@ConditionalOnProperty(name = "mamori.command", havingValue = VerifyLogCommand.COMMAND)
	VerifyLogCommand verifyLogCommand(LogIntegrity integrity, ObjectProvider<JsonMapper> json,
			ConfigurableApplicationContext context) {
		return new VerifyLogCommand(integrity, json.getIfAvailable(JsonMapper::shared), context, System.out);
	}

}
