package jp.mamori.platform.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.apache.catalina.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.mamori.platform.DevelopmentDefaults;
import jp.mamori.platform.PlatformProperties;

import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * HTTPS for every connection: the server's certificate as the SSL bundle {@value #BUNDLE}, offered
 * only with TLS 1.3 and 1.2 and only forward-secret AEAD suites; the plain-HTTP port only redirects.
 */
@Configuration(proxyBeanMethods = false)
class TlsConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(TlsConfiguration.class);

	static final String BUNDLE = "mamori";

	/** TLS 1.3 suites are all AEAD and forward-secret; for 1.2 only ECDHE with GCM or ChaCha20. */
	static final String[] CIPHERS = { "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
			"TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
			"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
			"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
			"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256" };

	static final String[] PROTOCOLS = { "TLSv1.3", "TLSv1.2" };

	@Bean
	SslBundleRegistrar mamoriSslBundle(PlatformProperties properties, Environment environment, Clock clock) {
		PlatformProperties.Tls tls = properties.tls();
		Path certificate;
		Path privateKey;
		if (tls.generated()) {
			DevelopmentDefaults.refuseInProduction(environment, "a generated self-signed certificate",
					"MAMORI_TLS_CERTIFICATE and MAMORI_TLS_PRIVATE_KEY");
			certificate = properties.home().resolve("tls/server.crt");
			privateKey = properties.home().resolve("tls/server.key");
			if (SelfSignedCertificate.ensure(certificate, privateKey, clock)) {
				logger.warn("Generated a self-signed development certificate in {}; production must supply its own",
						certificate.getParent().toAbsolutePath());
			}
		}
		else {
			certificate = Path.of(tls.certificate());
			privateKey = Path.of(tls.privateKey());
		}
		String certificatePem = read(certificate);
		String keyPem = read(privateKey);
		return (registry) -> registry.registerBundle(BUNDLE,
				SslBundle.of(new PemSslStoreBundle(new PemSslStoreDetails(null, certificatePem, keyPem), null),
						SslBundleKey.NONE, SslOptions.of(CIPHERS, PROTOCOLS)));
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read TLS material from " + file, ex);
		}
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> plainHttpConnector(PlatformProperties properties) {
		return (factory) -> {
			factory.addContextCustomizers((context) -> {
				if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
					host.setErrorReportValveClass(QuietErrorReportValve.class.getName());
				}
			});
			int port = properties.http().port();
			if (port < 0) {
				return;
			}
			Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
			connector.setPort(port);
			connector.setXpoweredBy(false);
			factory.addAdditionalConnectors(connector);
		};
	}

}
