package jp.mamori.platform.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Supplier;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;

import jp.mamori.testing.MamoriTest;
import jp.mamori.testing.TestHttp;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The security baseline is on every response: pages, API answers, refusals and errors alike. */
@MamoriTest
class WebBaselineTests {

	@LocalServerPort
	int port;

	@Autowired
	ServletWebServerApplicationContext context;

	@Autowired
	TestHttp http;

	@Test
	void everyKindOfResponseCarriesTheSecurityHeaders() {
		List<Supplier<HttpResponse<String>>> requests = List.of(() -> this.http.get("/"),
				() -> this.http.get("/assets/mamori.css"), () -> this.http.get("/no/such/page"),
				() -> this.http.get("/no/such/page", "Accept", "text/html"),
				() -> this.http.post("/api/v1/test/probe", "application/json", "{broken"),
				() -> this.http.send(this.http.request("/api/v1/test/probe").PUT(HttpRequest.BodyPublishers.noBody())),
				() -> this.http.post("/api/v1/test/probe", "application/json", "x".repeat(2_000_000)),
				() -> this.http.post("/api/v1/test/probe", "application/json", "{\"name\":\"a\",\"quantity\":1}",
						"Cookie", "SESSION=abc"),
				() -> this.http.get("/console/anything"), () -> this.http.get("/api/v1/test/probe?q=4111111111111111"));
		for (Supplier<HttpResponse<String>> request : requests) {
			HttpResponse<String> response = request.get();
			assertBaseline(response);
		}
	}

	static void assertBaseline(HttpResponse<String> response) {
		var headers = response.headers();
		String what = response.request().method() + " " + response.uri() + " -> " + response.statusCode();
		assertThat(headers.firstValue("Strict-Transport-Security")).as(what).hasValue("max-age=63072000; includeSubDomains");
		assertThat(headers.firstValue("Content-Security-Policy")).as(what)
			.hasValueSatisfying((csp) -> assertThat(csp).contains("frame-ancestors 'none'")
				.contains("script-src 'self'")
				.doesNotContain("unsafe-inline")
				.doesNotContain("unsafe-eval"));
		assertThat(headers.firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
		assertThat(headers.firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
		assertThat(headers.firstValue("Permissions-Policy")).as(what).isPresent();
		assertThat(headers.firstValue("X-Request-Id")).as(what).isPresent();
		assertThat(headers.firstValue("Server")).as(what).isEmpty();
		assertThat(headers.firstValue("X-Powered-By")).as(what).isEmpty();
		assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("at jp.mamori")
			.doesNotContain("Tomcat");
	}

	@Test
	void errorsAreAnsweredAsProblemsWithTheirStatus() {
		assertThat(this.http.get("/no/such/page").statusCode()).isEqualTo(404);
		// Staff areas: the API answers 401; a console page sends the browser to the staff sign-in.
		assertThat(this.http.get("/api/v1/staff/anything").statusCode()).isEqualTo(401);
		HttpResponse<String> console = this.http.get("/console/anything");
		assertThat(console.statusCode()).isEqualTo(302);
		assertThat(console.headers().firstValue("Location")).hasValueSatisfying((location) -> assertThat(location)
			.endsWith("/console/sign-in"));
		HttpResponse<String> page = this.http.get("/no/such/page", "Accept", "text/html,*/*", "Accept-Language", "en");
		assertThat(page.statusCode()).isEqualTo(404);
		assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(page.body()).contains("We could not show this page").doesNotContain("<script");
	}

	@Test
	void aStateChangingRequestWithCookiesButNoCsrfTokenIsRefused() {
		HttpResponse<String> response = this.http.post("/api/v1/test/probe", "application/json",
				"{\"name\":\"a\",\"quantity\":1}", "Cookie", "SESSION=abc", "Accept-Language", "en");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("urn:mamori:problem:csrf-invalid");
		HttpResponse<String> withoutCookies = this.http.post("/api/v1/test/probe", "application/json",
				"{\"name\":\"a\",\"quantity\":1}");
		assertThat(withoutCookies.statusCode()).isEqualTo(200);
	}

	@Test
	void plainHttpOnlyRedirectsToHttps() throws Exception {
		int httpPort = plainHttpPort();
		HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		HttpResponse<String> response = plain.send(HttpRequest
			.newBuilder(URI.create("http://localhost:" + httpPort + "/api/v1/test/probe?q=hello"))
			.POST(HttpRequest.BodyPublishers.ofString("{}"))
			.header("Content-Type", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(308);
		assertThat(response.headers().firstValue("Location"))
			.hasValue("https://localhost:" + this.port + "/api/v1/test/probe?q=hello");
		assertThat(response.body()).isEmpty();
	}

	@Test
	void developmentPagesAnswerOnlyDirectRequestsFromThisMachine() {
		HttpResponse<String> proxied = this.http.get("/dev/anything", "X-Forwarded-For", "203.0.113.7");
		assertThat(proxied.statusCode()).isEqualTo(403);
		HttpResponse<String> direct = this.http.get("/dev/no-such-tool");
		assertThat(direct.statusCode()).isEqualTo(404);
	}

	private int plainHttpPort() {
		TomcatWebServer server = (TomcatWebServer) this.context.getWebServer();
		for (Connector connector : server.getTomcat().getService().findConnectors()) {
			if (!connector.getSecure() && "http".equals(connector.getScheme())) {
				return connector.getLocalPort();
			}
		}
		throw new IllegalStateException("no plain-HTTP connector");
	}

}
