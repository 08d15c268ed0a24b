package jp.mamori.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import jp.mamori.identity.botcheck.BotCheck;
import jp.mamori.identity.botcheck.BotCheckController;
import jp.mamori.testing.TestHttp;

/** A customer's API client over real HTTPS: keeps cookies like a browser and sends the CSRF token. */
public final class CustomerClient {

	public static final JsonMapper json = JsonMapper.builder().build();

	private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

	private final HttpClient client;

	private final String base;

	private String csrfHeader = "X-XSRF-TOKEN";

	private String csrfToken;

	private boolean solvesBotChecks = true;

	public CustomerClient(Path home, int port) {
		this.client = HttpClient.newBuilder()
			.sslContext(TestHttp.trusting(home.resolve("tls/server.crt")))
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.base = "https://localhost:" + port;
	}

	/** Fetch a CSRF token, as a page or app does before its first unsafe request. */
	public CustomerClient withCsrfToken() {
		HttpResponse<String> response = send(request("/api/v1/customer/csrf").GET());
		Map<?, ?> body = json.readValue(response.body(), Map.class);
		this.csrfHeader = (String) body.get("headerName");
		this.csrfToken = (String) body.get("token");
		return this;
	}

	public HttpResponse<String> signIn(String userId, String password, String forwardedFor) {
		String body = json.writeValueAsString(Map.of("userId", userId, "password", password));
		return post(body, forwardedFor);
	}

	public HttpResponse<String> post(String body, String forwardedFor) {
		HttpRequest.Builder request = request("/api/v1/customer/session").header("Content-Type", "application/json")
			.header("Accept-Language", "en")
			.header("User-Agent", "CustomerClient/1.0 (test)")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (forwardedFor != null) {
			request.header("X-Forwarded-For", forwardedFor);
		}
		return send(withCsrf(request));
	}

	/** POST a JSON body to any customer API path, with the CSRF token if one was fetched. */
	public HttpResponse<String> postJson(String path, Object body) {
		return send(withCsrf(request(path).header("Content-Type", "application/json")
			.header("Accept-Language", "en")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))));
	}

	/** POST a JSON body with extra headers as name-value pairs, each replacing a default (e.g. the language). */
	public HttpResponse<String> postJson(String path, Object body, String... headers) {
		HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
			.header("Accept-Language", "en")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.setHeader(headers[i], headers[i + 1]);
		}
		return send(withCsrf(request));
	}

	public HttpResponse<String> delete(String path) {
		return send(withCsrf(request(path).DELETE()));
	}

	/** DELETE with a JSON body, as closing an account sends. */
	public HttpResponse<String> deleteJson(String path, Object body) {
		return send(withCsrf(request(path).header("Content-Type", "application/json")
			.header("Accept-Language", "en")
			.method("DELETE", HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))));
	}

	public HttpResponse<String> putJson(String path, Object body) {
		return send(withCsrf(request(path).header("Content-Type", "application/json")
			.header("Accept-Language", "en")
			.PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))));
	}

	public HttpResponse<String> get(String path) {
		return send(request(path).GET());
	}

	public HttpResponse<String> session() {
		return send(request("/api/v1/customer/session").GET());
	}

	public HttpResponse<String> signOut() {
		return send(withCsrf(request("/api/v1/customer/session").DELETE()));
	}

	public Optional<String> cookie(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst();
	}

	/** From now on send unsafe requests without solving the bot check, as a script would. */
	public CustomerClient withoutBotCheck() {
		this.solvesBotChecks = false;
		return this;
	}

	/** @return a solution of a fresh bot-check challenge, as the page's widget would make it */
	public String botCheckSolution() {
		HttpResponse<String> challenge = send(request(BotCheckController.PATH).GET());
		if (challenge.statusCode() != 200) {
			throw new IllegalStateException("No bot-check challenge: " + challenge.statusCode());
		}
		return AltchaSolver.solve(challenge.body());
	}

	/** Unsafe requests carry the CSRF token (once fetched) and, like the page's widget, a bot-check solution. */
	private HttpRequest.Builder withCsrf(HttpRequest.Builder request) {
		if (this.solvesBotChecks) {
			request.header(BotCheck.HEADER, botCheckSolution());
		}
		return (this.csrfToken != null) ? request.header(this.csrfHeader, this.csrfToken) : request;
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(30));
	}

	public HttpResponse<String> send(HttpRequest.Builder request) {
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
