package jp.mamori.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import jp.mamori.testing.MamoriTest;
import jp.mamori.testing.TestHttp;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Every hostile payload from the bundled lists, through every kind of input: never a 5xx. */
@MamoriTest
class AttackPayloadTests {

	static final List<String> FILES = List.of("command-injection.txt", "sqli-auth-bypass.txt", "sqli-generic.txt",
			"sqli-union.txt", "ssti.txt", "traversal.txt", "xss-intruder.txt", "xss-polyglots.txt");

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	TestHttp http;

	/** @return every payload of every bundled list */
	public static List<String> payloads() throws IOException {
		List<String> payloads = new ArrayList<>();
		for (String file : FILES) {
			try (InputStream in = AttackPayloadTests.class.getResourceAsStream("/attacks/" + file)) {
				new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
					.filter((line) -> !line.isEmpty())
					.forEach(payloads::add);
			}
		}
		return payloads;
	}

	@Test
	void noPayloadCausesAServerError() throws IOException {
		List<String> payloads = payloads();
		assertThat(payloads).hasSizeGreaterThan(1000);
		List<String> failures = new ArrayList<>();
		for (String payload : payloads) {
			String encoded = URLEncoder.encode(payload, StandardCharsets.UTF_8);
			check(failures, payload, "json", this.http.post("/api/v1/test/probe", "application/json",
					json.writeValueAsString(java.util.Map.of("name", payload, "quantity", 1, "note", payload))));
			check(failures, payload, "form", this.http.post("/test/probe", "application/x-www-form-urlencoded",
					"name=" + encoded + "&quantity=" + encoded));
			check(failures, payload, "query", this.http.get("/api/v1/test/probe?q=" + encoded + "&n=" + encoded));
			check(failures, payload, "path", this.http.get("/api/v1/test/probe/" + encoded));
			check(failures, payload, "raw-json", this.http.post("/api/v1/test/probe", "application/json", payload));
		}
		assertThat(failures).isEmpty();
	}

	private static void check(List<String> failures, String payload, String how, HttpResponse<String> response) {
		int status = response.statusCode();
		boolean inert = status < 500 && !response.body().contains("Exception") && !response.body().contains("SQL")
				&& !(status == 200 && response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
		if (!inert) {
			failures.add(how + " " + status + " " + payload);
		}
	}

}
