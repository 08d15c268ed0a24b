package jp.mamori.vault.internal;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;

import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.prf.PrfConfig;

import jp.mamori.audit.OperationLog;
import jp.mamori.platform.DevelopmentDefaults;
import jp.mamori.platform.PlatformProperties;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.vault.SealedValueStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The vault's keys and services. Security decision: no key that opens personal data is stored in
 * the database in a usable form — the master key and index key are configured or (development only)
 * generated files, and each subject's key-encryption key lives in the subject key folder.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VaultProperties.class)
class VaultConfiguration {

	static {
		try {
			AeadConfig.register();
			PrfConfig.register();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Tink cannot register AEAD and PRF", ex);
		}
	}

	@Bean
	MasterKey vaultMasterKey(VaultProperties properties, PlatformProperties platform, Environment environment) {
		return MasterKeyLoader.load(properties, platform.home(), environment);
	}

	@Bean
	SubjectKeyStore subjectKeyStore(VaultProperties properties, PlatformProperties platform, MasterKey masterKey,
			Environment environment) {
		Path folder;
		if (properties.subjectKeyDir().isBlank()) {
			DevelopmentDefaults.refuseInProduction(environment, "the subject key folder inside the data folder",
					"mamori.vault.subject-key-dir (MAMORI_VAULT_SUBJECT_KEY_DIR) on storage outside the database's "
							+ "backups");
			folder = platform.home().resolve("keys/subjects");
		}
		else {
			folder = Path.of(properties.subjectKeyDir());
		}
		return new DirectorySubjectKeyStore(folder, masterKey);
	}

	@Bean
	IndexKey vaultIndexKey(VaultProperties properties, PlatformProperties platform, MasterKey masterKey,
			Environment environment) {
		if (properties.indexKeyFile().isBlank()) {
			DevelopmentDefaults.refuseInProduction(environment, "a generated blind-index key",
					"mamori.vault.index-key-file (MAMORI_VAULT_INDEX_KEY_FILE)");
			return new IndexKey(platform.home().resolve("keys/index.keyset"), masterKey, true);
		}
		return new IndexKey(Path.of(properties.indexKeyFile()), masterKey, properties.createIndexKey());
	}

	@Bean(destroyMethod = "close")
	DataKeys dataKeys(JdbcClient jdbc, SubjectKeyStore subjectKeys, Clock clock, VaultProperties properties) {
		return new DataKeys(jdbc, subjectKeys, clock, properties.keyCacheSize(), properties.keyCacheTtl());
	}

	@Bean
	TinkVault vault(DataKeys dataKeys, SubjectKeyStore subjectKeys, OperationLog operationLog,
			SecurityEvents securityEvents, JdbcClient jdbc) {
		return new TinkVault(dataKeys, subjectKeys, operationLog, securityEvents, jdbc);
	}

	@Bean
	HmacBlindIndex blindIndex(IndexKey indexKey, JdbcClient jdbc) {
		return new HmacBlindIndex(indexKey, jdbc);
	}

	@Bean
	RotationJob keyRotation(DataKeys dataKeys, TinkVault vault, ObjectProvider<SealedValueStore> stores,
			SubjectKeyStore subjectKeys, IndexKey indexKey, OperationLog operationLog, JdbcClient jdbc,
			PlatformTransactionManager transactionManager, Clock clock, VaultProperties properties) {
		return new RotationJob(dataKeys, vault, stores, subjectKeys, indexKey, operationLog, jdbc,
				new TransactionTemplate(transactionManager), clock, properties.rotationBatchSize(),
				properties.retireGrace());
	}

	@Bean
	RotationSchedule rotationSchedule(RotationJob job) {
		return new RotationSchedule(job);
	}

}
