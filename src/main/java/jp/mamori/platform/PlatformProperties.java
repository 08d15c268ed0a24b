package jp.mamori.platform;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the platform module, bound from {@code mamori.*}.
 *
 * @param home folder that holds the embedded database, the generated certificate and generated keys
 * @param db where the database is and who Mamori is there
 * @param tls the server certificate
 * @param http the plain-HTTP port, which only redirects to HTTPS
 * @param web request limits
 */
@ConfigurationProperties("mamori")
public record PlatformProperties(@DefaultValue(".mamori") Path home, @DefaultValue Db db, @DefaultValue Tls tls,
		@DefaultValue Http http, @DefaultValue Web web) {

	/**
	 * @param url JDBC URL of an external PostgreSQL; empty means the embedded one under {@code home}
	 * @param user the application's role: may read and write business tables, only append to logs
	 * @param password the application's password
	 * @param ownerUser the role that owns the schema and runs migrations
	 * @param ownerPassword its password
	 * @param sealerUser the role that alone writes the operation log's chain and checkpoints
	 * @param sealerPassword its password
	 * @param migrate whether Mamori applies migrations itself at start
	 * @param embeddedPort port of the embedded PostgreSQL on 127.0.0.1 (0 picks a free one)
	 * @param poolSize maximum connections of the application's pool
	 */
	public record Db(@DefaultValue("") String url, @DefaultValue("mamori_app") String user,
			@DefaultValue("") String password, @DefaultValue("") String ownerUser,
			@DefaultValue("") String ownerPassword, @DefaultValue("mamori_sealer") String sealerUser,
			@DefaultValue("") String sealerPassword, @DefaultValue("true") boolean migrate,
			@DefaultValue("54329") int embeddedPort, @DefaultValue("20") int poolSize) {

		public boolean embedded() {
			return this.url.isBlank();
		}

	}

	/**
	 * @param certificate PEM certificate chain; empty in the embedded default means "generate one"
	 * @param privateKey PEM private key belonging to it
	 */
	public record Tls(@DefaultValue("") String certificate, @DefaultValue("") String privateKey) {

		public boolean generated() {
			return this.certificate.isBlank() && this.privateKey.isBlank();
		}

	}

	/** @param port plain-HTTP port that answers only with a redirect to HTTPS; -1 turns it off */
	public record Http(@DefaultValue("8080") int port) {
	}

	/**
	 * @param maxRequestSize largest request body accepted by any endpoint
	 * @param trustedProxies CIDR blocks of the reverse proxies whose forwarding header is believed
	 * (env {@code MAMORI_TRUSTED_PROXIES}); empty means the TCP peer is the client
	 * @param forwardedHeader the header those proxies write: {@code x-forwarded-for} or {@code forwarded}
	 * (RFC 7239); the other is never read
	 */
	public record Web(@DefaultValue("1MB") DataSize maxRequestSize, @DefaultValue List<String> trustedProxies,
			@DefaultValue("x-forwarded-for") ForwardedHeader forwardedHeader) {
	}

}
