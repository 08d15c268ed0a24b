package jp.mamori.audit.internal;

import java.nio.file.Path;
import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.mamori.audit.LogIntegrity;
import jp.mamori.audit.OperationLog;
import jp.mamori.audit.SecurityEventLog;
import jp.mamori.platform.DevelopmentDefaults;
import jp.mamori.platform.PlatformProperties;
import jp.mamori.platform.db.DeferredWrites;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The operation log, its sealer and verifier, and the security-event store. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(AuditConfiguration.class);

	@Bean
	OperationLog operationLog(JdbcClient jdbc, Clock clock, AuditProperties properties) {
		return new JdbcOperationLog(jdbc, clock, properties.maxDetailsLength());
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
	ChainSealer chainSealer(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager,
			CheckpointSigner signer, Clock clock, AuditProperties properties) {
		return new ChainSealer(jdbcTemplate, new TransactionTemplate(transactionManager), signer, clock,
				properties.sealBatchSize());
	}

	@Bean
	LogIntegrity logIntegrity(ChainSealer sealer, JdbcClient jdbc, PlatformTransactionManager transactionManager,
			CheckpointSigner signer, Clock clock, AuditProperties properties) {
		return new JdbcLogIntegrity(sealer, new ChainVerifier(jdbc, new TransactionTemplate(transactionManager), signer,
				clock, properties.sealingGrace(), properties.verifyFetchSize(), properties.verifySegmentSize()));
	}

	@Bean
	SealingSchedule sealingSchedule(ChainSealer sealer, AuditProperties properties) {
		return new SealingSchedule(sealer, properties.sealInterval());
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
