package jp.mamori.platform.db;

import java.util.Set;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.mamori.platform.DevelopmentDefaults;
import jp.mamori.platform.PlatformProperties;

import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Three pools on one database: the application's role, which may only append to the logs; the
 * sealer's role, which alone writes the operation log's chain and checkpoints; and the owner's role,
 * which runs the migrations. In the embedded default the roles and the database are created on first
 * start (the sealer's role also on the first start of a build that needs it); with
 * {@code mamori.db.url} the operator provides them.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseConfiguration.class);

	static final String EMBEDDED_DATABASE = "mamori";

	static final String EMBEDDED_OWNER = "mamori_owner";

	@Bean(destroyMethod = "close")
	DatabaseServer databaseServer(PlatformProperties properties, Environment environment) {
		PlatformProperties.Db db = properties.db();
		if (!db.embedded()) {
			String owner = db.ownerUser().isBlank() ? db.user() : db.ownerUser();
			String ownerPassword = db.ownerUser().isBlank() ? db.password() : db.ownerPassword();
			if (DevelopmentDefaults.isProduction(environment) && db.migrate() && owner.equals(db.user())) {
				throw new IllegalStateException("Refusing to start in the 'prod' profile with migrations run by the "
						+ "application's own role '" + db.user() + "': the operation log is append-only only if the "
						+ "application's role does not own it. Set MAMORI_DB_OWNER_USER (and _PASSWORD) to the owner "
						+ "role, or MAMORI_DB_MIGRATE=false and migrate separately.");
			}
			return new DatabaseServer(null, db.url(), db.user(), db.password(), owner, ownerPassword, db.sealerUser(),
					db.sealerPassword());
		}
		DevelopmentDefaults.refuseInProduction(environment, "the embedded PostgreSQL", "MAMORI_DB_URL");
		EmbeddedPostgresServer server = EmbeddedPostgresServer.start(properties.home().resolve("pgdata"),
				db.embeddedPort());
		try {
			prepareEmbedded(server, db.user(), db.sealerUser());
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
		String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/" + EMBEDDED_DATABASE;
		return new DatabaseServer(server, url, db.user(), "", EMBEDDED_OWNER, "", db.sealerUser(), "");
	}

	/** First start: the owner, application and sealer roles and the database, each only once. */
	private static void prepareEmbedded(EmbeddedPostgresServer server, String appRole, String sealerRole) {
		JdbcClient admin = JdbcClient.create(server.superuserDataSource("postgres"));
		for (String role : Set.of(EMBEDDED_OWNER, appRole, sealerRole)) {
			boolean exists = admin.sql("select count(*) from pg_roles where rolname = ?")
				.param(role)
				.query(Integer.class)
				.single() > 0;
			if (!exists) {
				admin.sql("create role " + quoteIdentifier(role) + " login").update();
			}
		}
		boolean databaseExists = admin.sql("select count(*) from pg_database where datname = ?")
			.param(EMBEDDED_DATABASE)
			.query(Integer.class)
			.single() > 0;
		if (!databaseExists) {
			admin.sql("create database " + EMBEDDED_DATABASE + " owner " + EMBEDDED_OWNER).update();
			logger.info("Created the embedded database '{}'", EMBEDDED_DATABASE);
		}
	}

	static String quoteIdentifier(String name) {
		if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
			throw new IllegalArgumentException("Database role names must be lower-case identifiers: " + name);
		}
		return name;
	}

	@Bean(destroyMethod = "close")
	@Primary
	HikariDataSource dataSource(DatabaseServer server, PlatformProperties properties) {
		return pool("mamori-app", server.url(), server.appUser(), server.appPassword(), properties.db().poolSize());
	}

	@Bean(destroyMethod = "close")
	@FlywayDataSource
	HikariDataSource migrationDataSource(DatabaseServer server) {
		return pool("mamori-owner", server.url(), server.ownerUser(), server.ownerPassword(), 2);
	}

	/**
	 * Security decision: the operation log's sealer works on a pool of its own, as a role of its own,
	 * so that nothing run on the application's pool (an injected statement included) can write the
	 * chain or its checkpoints. Not a {@code DataSource} anyone gets by type.
	 */
	@Bean(destroyMethod = "close")
	HikariDataSource sealerDataSource(DatabaseServer server) {
		return pool("mamori-sealer", server.url(), server.sealerUser(), server.sealerPassword(), 2);
	}

	@Bean
	JdbcClient jdbcClient(DataSource dataSource) {
		return JdbcClient.create(dataSource);
	}

	@Bean
	DeferredWrites deferredWrites(DataSource dataSource) {
		return new DeferredWrites(dataSource);
	}

	/** Spring's JDBC transaction manager, which also sends each transaction's deferred writes with its commit. */
	@Bean
	DeferredWritesTransactionManager transactionManager(DataSource dataSource, DeferredWrites writes) {
		return new DeferredWritesTransactionManager(dataSource, writes);
	}

	private static HikariDataSource pool(String name, String url, String user, String password, int size) {
		HikariConfig config = new HikariConfig();
		config.setPoolName(name);
		config.setJdbcUrl(url);
		config.setUsername(user);
		config.setPassword(password);
		config.setMaximumPoolSize(size);
		config.setMinimumIdle(Math.min(2, size));
		config.addDataSourceProperty("ApplicationName", name);
		config.addDataSourceProperty("reWriteBatchedInserts", "true");
		return new HikariDataSource(config);
	}

	/**
	 * Where the database is, and the embedded server if Mamori runs one.
	 * @param embedded the embedded server, or {@code null} for an external database
	 * @param url JDBC URL
	 * @param appUser the application's role
	 * @param appPassword its password
	 * @param ownerUser the owning role
	 * @param ownerPassword its password
	 * @param sealerUser the operation log's sealing role
	 * @param sealerPassword its password
	 */
	record DatabaseServer(EmbeddedPostgresServer embedded, String url, String appUser, String appPassword,
			String ownerUser, String ownerPassword, String sealerUser, String sealerPassword) implements AutoCloseable {

		@Override
		public void close() {
			if (this.embedded != null) {
				this.embedded.close();
			}
		}

		@Override
		public String toString() {
			return "DatabaseServer[url=" + this.url + ", appUser=" + this.appUser + ", ownerUser=" + this.ownerUser
					+ ", sealerUser=" + this.sealerUser + "]";
		}

	}

}
