package jp.mamori.platform;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Before anything starts in the {@code prod} profile, checks the platform's settings and refuses to
 * go on with every development default it finds, all named in one message, so that an operator fixes
 * them in one round rather than one restart each. The beans that would apply a default refuse too.
 */
public final class ProductionReadiness implements EnvironmentPostProcessor, Ordered {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!DevelopmentDefaults.isProduction(environment)) {
			return;
		}
		List<String> problems = new ArrayList<>();
		String url = environment.getProperty("mamori.db.url", "");
		if (url.isBlank()) {
			problems.add("the embedded PostgreSQL: set MAMORI_DB_URL, MAMORI_DB_USER and MAMORI_DB_PASSWORD");
		}
		String user = environment.getProperty("mamori.db.user", "mamori_app");
		String owner = environment.getProperty("mamori.db.owner-user", "");
		boolean migrate = environment.getProperty("mamori.db.migrate", Boolean.class, true);
		if (!url.isBlank() && migrate && (owner.isBlank() || owner.equals(user))) {
			problems.add("migrations run by the application's own role: set MAMORI_DB_OWNER_USER (and _PASSWORD) "
					+ "to the role that owns the schema, or MAMORI_DB_MIGRATE=false");
		}
		String sealer = environment.getProperty("mamori.db.sealer-user", "mamori_sealer");
		if (!url.isBlank() && (sealer.equals(user) || sealer.equals(owner))) {
			problems.add("the operation log sealed by the application's or the owner's role: set MAMORI_DB_SEALER_USER "
					+ "(and _PASSWORD) to a role of its own");
		}
		if (environment.getProperty("mamori.audit.signing-key-file", "").isBlank()) {
			problems.add("a generated operation-log signing key: set MAMORI_AUDIT_SIGNING_KEY_FILE");
		}
		if (environment.getProperty("mamori.audit.mac-key-file", "").isBlank()) {
			problems.add("a generated operation-log MAC key: set MAMORI_AUDIT_MAC_KEY_FILE");
		}
		if (environment.getProperty("mamori.identity.keys.file", "").isBlank()) {
			problems.add("a generated identity key (codes, link tokens, session IDs): set MAMORI_IDENTITY_KEYS_FILE");
		}
		if (environment.getProperty("mamori.tls.certificate", "").isBlank()
				|| environment.getProperty("mamori.tls.private-key", "").isBlank()) {
			problems.add("a generated self-signed certificate: set MAMORI_TLS_CERTIFICATE and MAMORI_TLS_PRIVATE_KEY");
		}
		if (environment.getProperty("mamori.vault.master-key", "").isBlank()
				&& environment.getProperty("mamori.vault.master-key-file", "").isBlank()) {
			problems.add("a generated personal-data master key: set MAMORI_MASTER_KEY (base64 of 32 random bytes) "
					+ "or MAMORI_VAULT_MASTER_KEY_FILE");
		}
		if (environment.getProperty("mamori.vault.index-key-file", "").isBlank()) {
			problems.add("a generated blind-index key: set MAMORI_VAULT_INDEX_KEY_FILE");
		}
		if (environment.getProperty("mamori.vault.subject-key-dir", "").isBlank()) {
			problems.add("subject keys kept in the data folder: set MAMORI_VAULT_SUBJECT_KEY_DIR to storage outside "
					+ "the database's backups");
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Refusing to start in the '" + DevelopmentDefaults.PRODUCTION_PROFILE
					+ "' profile with development defaults:\n - " + String.join("\n - ", problems));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
