package jp.mamori.platform;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import jp.mamori.MamoriApplication;
import jp.mamori.platform.db.EmbeddedPostgresServer;
import jp.mamori.platform.tls.TestCertificates;
import jp.mamori.testing.TemporaryHome;
import jp.mamori.testing.TestHttp;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
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
	void productionRefusesAGeneratedMacKeyAndASealerThatIsTheApplicationsOwnRole() {
		assertThatThrownBy(() -> start(Map.of("mamori.db.url", "jdbc:postgresql://127.0.0.1:1/shop", "mamori.db.user",
				"shop", "mamori.db.owner-user", "shop_owner", "mamori.db.sealer-user", "shop")))
			.hasStackTraceContaining("MAMORI_DB_SEALER_USER")
			.hasStackTraceContaining("MAMORI_AUDIT_MAC_KEY_FILE")
			.hasStackTraceContaining("MAMORI_IDENTITY_KEYS_FILE")
			.hasStackTraceContaining("MAMORI_AUDIT_SIGNING_KEY_FILE");
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

	@Test
	void productionStartsWhenEverythingIsSuppliedAndHasNoDevelopmentTools() throws Exception {
		Path supplied = TemporaryHome.create();
		Path certificate = supplied.resolve("server.crt");
		Path key = supplied.resolve("server.key");
		TestCertificates.write(certificate, key);
		Path signingKey = supplied.resolve("audit-signing.pem");
		KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		Files.writeString(signingKey, "-----BEGIN PRIVATE KEY-----\n"
				+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(pair.getPrivate().getEncoded())
				+ "\n-----END PRIVATE KEY-----\n");
		Path data = TemporaryHome.create().resolve("pgdata");
		try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0)) {
			JdbcClient admin = JdbcClient.create(server.superuserDataSource("postgres"));
			admin.sql("create role shop login").update();
			admin.sql("create role shop_owner login").update();
			admin.sql("create role shop_sealer login").update();
			admin.sql("create database shop owner shop_owner").update();
			Map<String, Object> all = new HashMap<>(Map.of("mamori.db.url",
					"jdbc:postgresql://127.0.0.1:" + server.port() + "/shop", "mamori.db.user", "shop",
					"mamori.db.owner-user", "shop_owner", "mamori.tls.certificate", certificate.toString(),
					"mamori.tls.private-key", key.toString(), "mamori.audit.signing-key-file", signingKey.toString(),
					"mamori.mail.from", "shop@example.jp", "spring.mail.host", "127.0.0.1", "spring.mail.port", "2525"));
			byte[] masterKey = new byte[32];
			new java.security.SecureRandom().nextBytes(masterKey);
			all.put("mamori.vault.master-key", Base64.getEncoder().encodeToString(masterKey));
			all.put("mamori.db.sealer-user", "shop_sealer");
			Path macKey = supplied.resolve("audit-mac.key");
			byte[] macKeyBytes = new byte[32];
			new java.security.SecureRandom().nextBytes(macKeyBytes);
			Files.writeString(macKey, Base64.getEncoder().encodeToString(macKeyBytes) + "\n");
			all.put("mamori.audit.mac-key-file", macKey.toString());
			Path identityKey = supplied.resolve("identity.key");
			byte[] identityKeyBytes = new byte[32];
			new java.security.SecureRandom().nextBytes(identityKeyBytes);
			Files.writeString(identityKey, Base64.getEncoder().encodeToString(identityKeyBytes) + "\n");
			all.put("mamori.identity.keys.file", identityKey.toString());
			all.put("mamori.vault.subject-key-dir", supplied.resolve("subject-keys").toString());
			all.put("mamori.vault.index-key-file", supplied.resolve("index.keyset").toString());
			all.put("mamori.vault.create-index-key", "true");
			all.put("mamori.home", TemporaryHome.create().toString());
			all.put("server.port", "0");
			all.put("mamori.http.port", "-1");
			all.put("management.server.port", "0");
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MamoriApplication.class)
				.profiles(DevelopmentDefaults.PRODUCTION_PROFILE)
				.run(arguments(all))) {
				int port = ((WebServerApplicationContext) context).getWebServer().getPort();
				HttpClient client = HttpClient.newBuilder().sslContext(TestHttp.trusting(certificate)).build();
				HttpResponse<String> mailbox = client.send(
						HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/dev/mailbox")).build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(mailbox.statusCode()).isEqualTo(404);
				HttpResponse<String> home = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/")).build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(home.statusCode()).isEqualTo(200);
			}
		}
	}

	/** Command-line arguments, as an operator's settings outrank everything in the application's files. */
	private static String[] arguments(Map<String, Object> properties) {
		return properties.entrySet().stream().map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
	}

	private static void start(Map<String, Object> properties) {
		Map<String, Object> all = new HashMap<>(properties);
		all.put("mamori.home", TemporaryHome.create().toString());
		all.put("server.port", "0");
		all.put("mamori.http.port", "-1");
		all.put("management.server.port", "0");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MamoriApplication.class)
			.profiles(DevelopmentDefaults.PRODUCTION_PROFILE)
			.run(arguments(all))) {
			throw new AssertionError("The production profile started with development defaults");
		}
	}

}
