package jp.mamori.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import jp.mamori.platform.SecurityEvent;
import jp.mamori.testing.MamoriTest;
import jp.mamori.testing.RecordedSecurityEvents;
import jp.mamori.testing.TestHttp;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over real HTTPS, behind the loopback as a trusted proxy: a client that writes twenty addresses of
 * its own into {@code X-Forwarded-For} is still known by the address the proxy appended. Its failed
 * sign-ins are recorded under that address, and the bot check its failures earn follows it, not the
 * entries it wrote. (The properties are the identity tests' own, so the context is shared with them.)
 */
@MamoriTest
@TestPropertySource(properties = { "mamori.web.trusted-proxies=127.0.0.1/32,::1/128",
		"mamori.identity.bot-check.max-number=500", "mamori.identity.notices.delivery=in-request",
		"mamori.identity.notices.retry-interval=1h" })
class ForwardedClientSignInTests {

	static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Value("${mamori.home}")
	Path home;

	@Autowired
	CustomerAccounts accounts;

	@Autowired
	RecordedSecurityEvents events;

	@Test
	void aSignInFailuresAddressAndItsConsequencesFollowTheRealClientNotAForgedEntry() {
		String userId = "forwarded-" + UUID.randomUUID().toString().substring(0, 8);
		CustomerId account = this.accounts.create(userId, "granite lullaby 月見団子 compass");
		UUID random = UUID.randomUUID();
		String client = "198.19." + Math.floorMod(random.getMostSignificantBits(), 128) + ".7";
		String neighbour = "198.19." + (128 + Math.floorMod(random.getLeastSignificantBits(), 128)) + ".9";
		Client http = new Client();
		// Three failures, each with twenty forged entries of a different kind before the proxy's report.
		assertThat(http.signIn(userId, List.of(forged(20, 1) + ", " + client)).statusCode()).isEqualTo(401);
		assertThat(http.signIn(userId, List.of(forged(20, 2), client)).statusCode()).isEqualTo(401);
		assertThat(http.signIn(userId, List.of("::ffff:" + client + ", " + forged(20, 3), client)).statusCode())
			.isEqualTo(401);
		// The fourth try from that client needs the bot check, whatever it writes before its address ...
		HttpResponse<String> fourth = http.signIn(userId, List.of(forged(25, 4) + ", " + client));
		assertThat(fourth.statusCode()).isEqualTo(400);
		assertThat(fourth.body()).contains("bot-check-failed");
		// ... and another client that writes the very same entries does not inherit that standing.
		assertThat(http.signIn(userId, List.of(forged(20, 1) + ", " + neighbour)).statusCode()).isEqualTo(401);

		List<String> recorded = this.events.named("auth.login.failed")
			.stream()
			.filter((event) -> account.toString().equals(event.attributes().get("account_id")))
			.map(SecurityEvent::attributes)
			.map((attributes) -> attributes.get("source_address"))
			.toList();
		assertThat(recorded).containsExactly(client, client, client, neighbour);
	}

	/** @return {@code count} addresses as a client would write them, none of them its own */
	static String forged(int count, int kind) {
		List<String> forged = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			forged.add((kind % 2 == 0) ? "203.0.113." + (1 + i) : "2001:db8:" + kind + "::" + (1 + i));
		}
		return String.join(", ", forged);
	}

	/** A client that keeps cookies and sends the CSRF token, as an app does. */
	private final class Client {

		private final HttpClient client = HttpClient.newBuilder()
			.sslContext(TestHttp.trusting(ForwardedClientSignInTests.this.home.resolve("tls/server.crt")))
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();

		private final String base = "https://localhost:" + ForwardedClientSignInTests.this.port;

		private final Map<?, ?> csrf = json.readValue(send(HttpRequest.newBuilder(URI.create(this.base + "/api/v1/customer/csrf")).GET()).body(), Map.class);

		HttpResponse<String> signIn(String userId, List<String> forwardedForLines) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + "/api/v1/customer/session"))
				.header("Content-Type", "application/json")
				.header("Accept-Language", "en")
				.header((String) this.csrf.get("headerName"), (String) this.csrf.get("token"))
				.POST(HttpRequest.BodyPublishers
					.ofString(json.writeValueAsString(Map.of("userId", userId, "password", "not the password at all"))));
			forwardedForLines.forEach((line) -> request.header("X-Forwarded-For", line));
			return send(request);
		}

		private HttpResponse<String> send(HttpRequest.Builder request) {
			try {
				return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
