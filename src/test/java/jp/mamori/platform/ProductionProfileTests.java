package jp.mamori.platform;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.mamori.MamoriApplication;
import jp.mamori.platform.db.EmbeddedPostgresServer;
import jp.mamori.testing.TemporaryHome;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The production profile refuses every development default, each with a message that names the fix. */
class ProductionProfileTests {

	@Test
	void productionRefusesTheEmbeddedDatabase() {
		assertThatThrownBy(() -> start(Map.of())).hasStackTraceContaining("Refusing to start in the 'prod' profile")
			.hasStackTraceContaining("the embedded PostgreSQL")
			.hasStackTraceContaining("MAMORI_DB_URL")
			.hasStackTraceContaining("MAMORI_TLS_CERTIFICATE");
	}

	@Test
	void productionRefusesMigrationsRunByTheApplicationsOwnRole() {
		Path data = TemporaryHome.create().resolve("pgdata");
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
			JdbcClient.create(server.superuserDataSource("postgres")).sql("create role shop login").update();
			String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres";
			assertThatThrownBy(() -> start(Map.of("mamori.db.url", url, "mamori.db.user", "shop")))
				.hasStackTraceContaining("MAMORI_DB_OWNER_USER");
		}
	}

	@Test
	void productionRefusesAGeneratedCertificate() {
		Path data = TemporaryHome.create().resolve("pgdata");
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
			JdbcClient admin = JdbcClient.create(server.superuserDataSource("postgres"));
			admin.sql("create role shop login").update();
			admin.sql("create role shop_owner login createrole").update();
			admin.sql("create database shop owner shop_owner").update();
			String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/shop";
			assertThatThrownBy(() -> start(Map.of("mamori.db.url", url, "mamori.db.user", "shop",
					"mamori.db.owner-user", "shop_owner")))
				.hasStackTraceContaining("a generated self-signed certificate")
				.hasStackTraceContaining("MAMORI_TLS_CERTIFICATE");
		}
	}

	private static void start(Map<String, Object> properties) {
		Map<String, Object> all = new HashMap<>(properties);
		all.put("mamori.home", TemporaryHome.create().toString());
		all.put("server.port", "0");
		all.put("mamori.http.port", "-1");
		all.put("management.server.port", "0");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MamoriApplication.class)
			.profiles(DevelopmentDefaults.PRODUCTION_PROFILE)
			.properties(all)
			.run()) {
			throw new AssertionError("The production profile started with development defaults");
		}
	}

}
