package jp.mamori.staff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import jp.mamori.identity.AltchaSolver;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.botcheck.BotCheck;
import jp.mamori.identity.botcheck.BotCheckController;
import jp.mamori.testing.TestHttp;

/**
 * A staff member's browser or script over real HTTPS: keeps cookies, sends the staff CSRF token, and
 * comes from an address of its own (through the trusted loopback proxy), so one test's failures do
 * not throttle another's.
 */
public final class StaffClient {

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient client;

	private final String base;

	private final String address;

	private String language = "en";

	private String csrfHeader = "X-XSRF-TOKEN";

	private String csrfToken;

	public StaffClient(Path home, int port) {
		this.client = HttpClient.newBuilder()
			.sslContext(TestHttp.trusting(home.resolve("tls/server.crt")))
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.base = "https://localhost:" + port;
		ThreadLocalRandom random = ThreadLocalRandom.current();
		this.address = "10." + random.nextInt(1, 255) + "." + random.nextInt(1, 255) + "." + random.nextInt(1, 255);
	}

	public StaffClient language(String language) {
		this.language = language;
		return this;
	}

	public StaffClient withCsrfToken() {
		HttpResponse<String> response = send(request("/api/v1/staff/csrf").GET());
		Map<?, ?> body = CustomerClient.json.readValue(response.body(), Map.class);
		this.csrfHeader = (String) body.get("headerName");
		this.csrfToken = (String) body.get("token");
		return this;
	}

	public HttpResponse<String> signIn(String userId, String password) {
		return postJson("/api/v1/staff/session", Map.of("userId", userId, "password", password));
	}

	/** Sign in with a solved bot check, as the console's widget or a careful script would. */
	public HttpResponse<String> signInWithBotCheck(String userId, String password) {
		String solution = AltchaSolver.solve(send(request(BotCheckController.PATH).GET()).body());
		return send(withCsrf(request("/api/v1/staff/session").header("Content-Type", "application/json")
			.header(BotCheck.HEADER, solution)
			.POST(HttpRequest.BodyPublishers.ofString(
					CustomerClient.json.writeValueAsString(Map.of("userId", userId, "password", password))))));
	}

	public HttpResponse<String> get(String path) {
		return send(request(path).GET());
	}

	public HttpResponse<String> postJson(String path, Object body) {
		return send(withCsrf(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(CustomerClient.json.writeValueAsString(body)))));
	}

	/** POST a form as a browser does, with the fields in the order given as name-value pairs. */
	public HttpResponse<String> postForm(String path, String... fields) {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i + 1 < fields.length; i += 2) {
			body.append((i == 0) ? "" : "&")
				.append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
		}
		return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
	}

	public HttpResponse<String> putJson(String path, Object body) {
		return send(withCsrf(request(path).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(CustomerClient.json.writeValueAsString(body)))));
	}

	public HttpResponse<String> delete(String path) {
		return send(withCsrf(request(path).DELETE()));
	}

	/** Any method, with a JSON body for the unsafe ones. */
	public HttpResponse<String> call(String method, String path, String jsonBody) {
		HttpRequest.Builder request = request(path);
		if (method.equals("GET") || method.equals("DELETE")) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
		}
		return send(withCsrf(request));
	}

	public Optional<String> cookie(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst();
	}

	/** Put a cookie into this client's jar by hand, as an attacker would. */
	public void plantCookie(String name, String value) {
		HttpCookie cookie = new HttpCookie(name, value);
		cookie.setPath("/");
		cookie.setVersion(0);
		this.cookies.getCookieStore().add(URI.create(this.base), cookie);
	}

	void forgetCookie(String name) {
		this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.toList()
			.forEach((cookie) -> this.cookies.getCookieStore().remove(null, cookie));
	}

	private HttpRequest.Builder withCsrf(HttpRequest.Builder request) {
		return (this.csrfToken != null) ? request.header(this.csrfHeader, this.csrfToken) : request;
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept-Language", this.language)
			.header("User-Agent", "StaffClient/1.0 (test)")
			.header("X-Forwarded-For", this.address);
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
