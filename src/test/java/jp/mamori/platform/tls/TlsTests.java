package jp.mamori.platform.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import jp.mamori.testing.MamoriTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's TLS, probed from outside with OpenSSL's client at security level 0, so that the
 * client offers the old protocols and weak suites and only the server can refuse them.
 */
@MamoriTest
class TlsTests {

	@LocalServerPort
	int port;

	@Test
	void aTls11HandshakeIsRefusedByTheServer() throws Exception {
		String output = handshake("-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0");
		// Alert 70 comes from the server: the client did offer TLS 1.1.
		assertThat(output).contains("alert protocol version").contains("Cipher is (NONE)");
	}

	@Test
	void tls12AndTls13HandshakesSucceed() throws Exception {
		assertThat(handshake("-tls1_2")).contains("New, TLSv1.2, Cipher is ECDHE-");
		assertThat(handshake("-tls1_3")).contains("New, TLSv1.3, Cipher is TLS_");
	}

	@Test
	void onlyForwardSecretAeadSuitesAreOffered() throws Exception {
		List<String> all = Arrays.asList(openssl("ciphers", "-tls1_2", "ALL:COMPLEMENTOFALL:@SECLEVEL=0").trim().split(":"));
		assertThat(all).hasSizeGreaterThan(40).contains("AES128-SHA", "ECDHE-RSA-AES128-SHA256", "DHE-RSA-AES256-GCM-SHA384");
		List<String> accepted = new ArrayList<>();
		for (String cipher : all) {
			if (cipher.startsWith("TLS_")) {
				continue;
			}
			String output = handshake("-tls1_2", "-cipher", cipher + ":@SECLEVEL=0");
			if (!output.contains("Cipher is (NONE)") && output.contains("Cipher is " + cipher)) {
				accepted.add(cipher);
			}
		}
		assertThat(accepted).isNotEmpty()
			.allSatisfy((cipher) -> assertThat(cipher).startsWith("ECDHE-").matches(".*(GCM|CHACHA20).*"))
			.noneMatch((cipher) -> cipher.contains("CBC") || cipher.endsWith("-SHA") || cipher.contains("-SHA256")
					&& !cipher.contains("GCM") && !cipher.contains("CHACHA20"));
	}

	@Test
	void tls13OffersOnlyItsAeadSuites() throws Exception {
		for (String suite : List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256")) {
			assertThat(handshake("-tls1_3", "-ciphersuites", suite)).contains("Cipher is " + suite);
		}
		assertThat(handshake("-tls1_3", "-ciphersuites", "TLS_AES_128_CCM_SHA256")).contains("Cipher is (NONE)");
	}

	private String handshake(String... options) throws Exception {
		List<String> command = new ArrayList<>(List.of("s_client", "-connect", "127.0.0.1:" + this.port,
				"-servername", "localhost"));
		command.addAll(List.of(options));
		return openssl(command.toArray(String[]::new));
	}

	private static String openssl(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add("openssl");
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
			.start();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("openssl did not finish: " + command);
		}
		return new String(output, StandardCharsets.UTF_8);
	}

}
