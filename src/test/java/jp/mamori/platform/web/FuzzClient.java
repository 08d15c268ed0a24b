package jp.mamori.platform.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import jp.mamori.testing.MutableClock;
import jp.mamori.testing.TestHttp;

/**
 * One caller of the fuzz test: anonymous, a signed-in customer or a signed-in member of staff. It
 * keeps its cookies, sends its CSRF token, and comes from a new address (through the trusted loopback
 * proxy) with every request, so that the per-address throttles never answer in place of the endpoint.
 * It signs in only through the public API, as any client would. (65,536 requests before a network
 * comes round again: far more than one run sends.)
 */
final class FuzzClient {

	static final JsonMapper json = JsonMapper.builder().build();

	private static final String BOT_CHECK_REFUSED = "urn:mamori:problem:bot-check-failed";

	private static final AtomicInteger addresses = new AtomicInteger();

	private final HttpClient client;

	private final String base;

	private final String csrfPath;

	private String csrfHeader = "X-XSRF-TOKEN";

	private String csrfToken;

	/** @param csrfPath where this caller fetches its CSRF token, or {@code null} to send none */
	FuzzClient(Path home, int port, String csrfPath) {
		this.client = HttpClient.newBuilder()
			.sslContext(TestHttp.trusting(home.resolve("tls/server.crt")))
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.connectTimeout(Duration.ofSeconds(10))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.base = "https://localhost:" + port;
		this.csrfPath = csrfPath;
	}

	/** Fetch a fresh CSRF token, as a page does before its first unsafe request and after a sign-in. */
	FuzzClient refreshCsrf() {
		if (this.csrfPath != null) {
			JsonNode body = json.readTree(send("GET", this.csrfPath, null, null).body());
			this.csrfHeader = body.path("headerName").asString();
			this.csrfToken = body.path("token").asString();
		}
		return this;
	}

	/**
	 * Send one request; if the bot check refuses it, once more with a solved challenge, as the page's
	 * widget would, so that the endpoint behind the check gets the bad input too.
	 * @param rawPathAndQuery already percent-encoded
	 * @param contentType {@code null} for no body
	 */
	HttpResponse<String> send(String method, String rawPathAndQuery, String contentType, String body) {
		HttpResponse<String> response = send(method, rawPathAndQuery, contentType, body, null,
				addresses.incrementAndGet());
		if (response.statusCode() == 400 && response.body().contains(BOT_CHECK_REFUSED)) {
			// A solution counts for the address that asked for the challenge.
			int address = addresses.incrementAndGet();
			response = send(method, rawPathAndQuery, contentType, body, botCheckSolution(address), address);
		}
		return response;
	}

	private HttpResponse<String> send(String method, String rawPathAndQuery, String contentType, String body,
			String botCheck, int n) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + rawPathAndQuery))
			.timeout(Duration.ofSeconds(30))
			.header("Accept-Language", (n % 2 == 0) ? "ja" : "en")
			.header("User-Agent", "FuzzClient/1.0 (test)")
			// A network (/24) of its own: the throttles count networks as well as addresses.
			.header("X-Forwarded-For", "10." + (n >> 8 & 255) + "." + (n & 255) + "." + (n >> 16 & 127 | 1));
		if (this.csrfToken != null) {
			request.header(this.csrfHeader, this.csrfToken);
		}
		if (botCheck != null) {
			request.header("Bot-Check", botCheck);
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
			request.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			String shown = (rawPathAndQuery.length() > 120) ? rawPathAndQuery.substring(0, 120) + "…" : rawPathAndQuery;
			throw new UncheckedIOException(method + " " + shown, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Solve a fresh proof-of-work challenge: the counter whose SHA-256 over salt, nonce and counter
	 * (four bytes, big-endian) starts with the key prefix; sent back with the challenge, Base64 JSON.
	 */
	private String botCheckSolution(int address) {
		JsonNode challenge = json
			.readTree(send("GET", "/api/v1/bot-check/challenge", null, null, null, address).body());
		JsonNode parameters = challenge.path("parameters");
		HexFormat hex = HexFormat.of();
		byte[] salt = hex.parseHex(parameters.path("salt").asString());
		byte[] nonce = hex.parseHex(parameters.path("nonce").asString());
		String prefix = parameters.path("keyPrefix").asString();
		try {
			for (int counter = 0; counter < 10_000_000; counter++) {
				MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
				sha256.update(salt);
				sha256.update(nonce);
				sha256.update(ByteBuffer.allocate(4).putInt(counter).array());
				String key = hex.formatHex(sha256.digest());
				if (key.startsWith(prefix)) {
					Map<String, Object> payload = Map.of("challenge", challenge, "solution",
							Map.of("counter", counter, "derivedKey", key, "time", 1.0));
					return Base64.getEncoder().encodeToString(json.writeValueAsBytes(payload));
				}
			}
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		throw new AssertionError("No counter solves the bot-check challenge");
	}

	HttpResponse<String> postJson(String path, Object body) {
		return send("POST", path, "application/json", json.writeValueAsString(body));
	}

	/** @return whether {@code GET path} answers 200, i.e. this caller is still signed in */
	boolean signedIn(String sessionPath) {
		return send("GET", sessionPath, null, null).statusCode() == 200;
	}

	/** Sign in as a customer with a password; the account was made through the identity facade. */
	void signInAsCustomer(String userId, String password) {
		refreshCsrf();
		HttpResponse<String> response = postJson("/api/v1/customer/session",
				Map.of("userId", userId, "password", password));
		expect(response, 200);
		refreshCsrf();
	}

	/** Set up the first administrator with the token Mamori printed at its start, and enrol an authenticator. */
	static String setUpFirstAdministrator(FuzzClient staff, String token, String userId, String password,
			MutableClock clock) {
		staff.refreshCsrf();
		expect(staff.postJson("/api/v1/staff/setup", Map.of("token", token, "userId", userId, "password", password)),
				201);
		HttpResponse<String> signedIn = staff.postJson("/api/v1/staff/session",
				Map.of("userId", userId, "password", password));
		expect(signedIn, 200);
		HttpResponse<String> started = staff.postJson("/api/v1/staff/session/totp-enrolment", Map.of());
		expect(started, 200);
		String secret = json.readTree(started.body()).path("secret").asString();
		expect(staff.postJson("/api/v1/staff/session/totp-enrolment/confirmation",
				Map.of("code", totp(secret, clock))), 200);
		return secret;
	}

	/** Sign in as staff with the password and a fresh authenticator code. */
	void signInAsStaff(String userId, String password, String secret, MutableClock clock) {
		refreshCsrf();
		HttpResponse<String> password1 = postJson("/api/v1/staff/session", Map.of("userId", userId, "password", password));
		expect(password1, 200);
		expect(postJson("/api/v1/staff/session/totp", Map.of("code", totp(secret, clock))), 200);
		refreshCsrf();
	}

	/** The authenticator's code for a new time step (each code is accepted once), per RFC 6238. */
	static String totp(String base32Secret, MutableClock clock) {
		clock.advance(Duration.ofSeconds(30));
		try {
			TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(Duration.ofSeconds(30),
					6, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);
			int code = generator.generateOneTimePassword(
					new SecretKeySpec(base32(base32Secret), TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1),
					clock.instant());
			return String.format(Locale.ROOT, "%06d", code);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** RFC 4648 Base32, as authenticator apps read the secret. */
	private static byte[] base32(String text) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		long bits = 0;
		int count = 0;
		for (char c : text.toUpperCase(Locale.ROOT).toCharArray()) {
			int value = alphabet.indexOf(c);
			if (value < 0) {
				continue;
			}
			bits = bits << 5 | value;
			count += 5;
			if (count >= 8) {
				count -= 8;
				out.write((int) (bits >> count) & 0xff);
			}
		}
		return out.toByteArray();
	}

	private static void expect(HttpResponse<String> response, int status) {
		if (response.statusCode() != status) {
			throw new AssertionError(response.request().method() + " " + response.request().uri().getPath() + " answered "
					+ response.statusCode() + ", expected " + status + ": " + response.body());
		}
	}

}
