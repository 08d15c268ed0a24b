package jp.mamori.identity.botcheck;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import jp.mamori.identity.credentials.ClientSource;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * reCAPTCHA and Turnstile verification against a local stand-in of their "siteverify" service, which
 * answers as theirs do: a form in, {@code {"success": ...}} out.
 */
class SiteVerifyBotCheckTests {

	HttpServer service;

	final AtomicReference<Map<String, String>> received = new AtomicReference<>();

	volatile int status = 200;

	String hostname = "localhost";

	volatile String answer = "{\"success\": true, \"hostname\": \"localhost\"}";

	final ClientSource source = new ClientSource(InetAddress.getLoopbackAddress(), "test");

	@BeforeEach
	void start() throws IOException {
		this.service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.service.createContext("/siteverify", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				Map<String, String> form = new LinkedHashMap<>();
				for (String pair : new String(body.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
					String[] parts = pair.split("=", 2);
					form.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
				}
				form.put("content-type", exchange.getRequestHeaders().getFirst("Content-Type"));
				this.received.set(form);
			}
			byte[] bytes = this.answer.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(this.status, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
		this.service.start();
	}

	@AfterEach
	void stop() {
		this.service.stop(0);
	}

	SiteVerifyBotCheck check(String provider) {
		String url = "http://127.0.0.1:" + this.service.getAddress().getPort() + "/siteverify";
		return new SiteVerifyBotCheck(new BotCheckProperties(provider, 1, Duration.ofMinutes(1), 3, "site-key",
				"the-secret", url, this.hostname, "mamori", 0.5), HttpClient.newHttpClient());
	}

	@Test
	void aTokenTheServiceConfirmsIsAcceptedAndTheFormCarriesSecretTokenAndAddress() {
		assertThat(check("turnstile").verify("token & more", this.source)).isTrue();
		assertThat(this.received.get()).containsEntry("secret", "the-secret")
			.containsEntry("response", "token & more")
			.containsEntry("remoteip", this.source.addressText())
			.containsEntry("content-type", "application/x-www-form-urlencoded");
	}

	@Test
	void everythingButASuccessIsRefused() {
		this.answer = "{\"success\": false, \"error-codes\": [\"invalid-input-response\"]}";
		assertThat(check("recaptcha").verify("token", this.source)).isFalse();
		this.answer = "not json";
		assertThat(check("recaptcha").verify("token", this.source)).isFalse();
		this.answer = "{\"success\": true}";
		this.status = 500;
		assertThat(check("recaptcha").verify("token", this.source)).isFalse();
	}

	@Test
	void anUnreachableServiceRefusesAndEmptyTokensAreNotSent() {
		SiteVerifyBotCheck check = check("turnstile");
		assertThat(check.verify("", this.source)).isFalse();
		assertThat(check.verify(null, this.source)).isFalse();
		assertThat(this.received.get()).isNull();
		this.service.stop(0);
		assertThat(check.verify("token", this.source)).isFalse();
	}

	@Test
	void eachProviderReadsItsOwnFormFieldAndNeedsItsKeys() {
		assertThat(check("recaptcha").formField()).isEqualTo("g-recaptcha-response");
		assertThat(check("turnstile").formField()).isEqualTo("cf-turnstile-response");
		assertThatIllegalArgumentException().isThrownBy(
				() -> new BotCheckProperties("turnstile", 1, Duration.ofMinutes(1), 3, "", "", "", "", "mamori", 0.5))
			.withMessageContaining("site-key");
		assertThatIllegalArgumentException().isThrownBy(
				() -> new BotCheckProperties("hcaptcha", 1, Duration.ofMinutes(1), 3, "", "", "", "", "mamori", 0.5))
			.withMessageContaining("altcha, recaptcha or turnstile");
	}

	@Test
	void recordedAnswersAreAcceptedOnlyForOurHostnameAndActionAndAboveTheMinimumScore() throws IOException {
		this.hostname = "shop.example.jp";
		assertThat(verifyWith("recaptcha", "recaptcha-v3-person.json")).isTrue();
		assertThat(verifyWith("recaptcha", "recaptcha-v2-person.json")).isTrue();
		assertThat(verifyWith("turnstile", "turnstile-person.json")).isTrue();
		assertThat(verifyWith("recaptcha", "recaptcha-v3-low-score.json")).as("score 0.1").isFalse();
		assertThat(verifyWith("recaptcha", "recaptcha-v3-other-action.json")).as("another action").isFalse();
		assertThat(verifyWith("turnstile", "turnstile-other-hostname.json")).as("another hostname").isFalse();
		// reCAPTCHA v3 must name the action; a scored answer without one is refused.
		this.answer = "{\"success\": true, \"hostname\": \"shop.example.jp\", \"score\": 0.9}";
		assertThat(check("recaptcha").verify("token", this.source)).isFalse();
		// The hostname is compared whole, not as a suffix or prefix.
		this.answer = "{\"success\": true, \"hostname\": \"shop.example.jp.example.net\"}";
		assertThat(check("turnstile").verify("token", this.source)).isFalse();
		this.answer = "{\"success\": true}";
		assertThat(check("turnstile").verify("token", this.source)).as("no hostname").isFalse();
	}

	@Test
	void theHostnameIsRequiredAndTheMinimumScoreIsAScore() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BotCheckProperties("recaptcha", 1,
				Duration.ofMinutes(1), 3, "site-key", "the-secret", "", "", "mamori", 0.5))
			.withMessageContaining("hostname");
		assertThatIllegalArgumentException().isThrownBy(() -> new BotCheckProperties("recaptcha", 1,
				Duration.ofMinutes(1), 3, "site-key", "the-secret", "", "shop.example.jp", "mamori", 1.5))
			.withMessageContaining("min-score");
	}

	private boolean verifyWith(String provider, String recorded) throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/identity/botcheck/siteverify/" + recorded)) {
			assertThat(in).as(recorded).isNotNull();
			this.answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		return check(provider).verify("token", this.source);
	}

}
