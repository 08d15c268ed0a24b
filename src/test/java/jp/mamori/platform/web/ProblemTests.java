package jp.mamori.platform.web;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import jp.mamori.testing.MamoriTest;
import jp.mamori.testing.TestHttp;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a clear 4xx problem in the caller's language (invariant 6). */
@MamoriTest
class ProblemTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	TestHttp http;

	@Test
	void malformedJsonIsABadRequestThatSaysSo() {
		JsonNode problem = problem(this.http.post("/api/v1/test/probe", "application/json", "{\"name\": \"a\",",
				"Accept-Language", "en"), 400);
		assertThat(problem.get("type").asString()).isEqualTo("urn:mamori:problem:malformed-body");
		assertThat(problem.get("title").asString()).isEqualTo("The request body is not valid JSON");
	}

	@Test
	void aFieldOfTheWrongTypeIsNamed() {
		JsonNode problem = problem(this.http.post("/api/v1/test/probe", "application/json",
				"{\"name\":\"a\",\"quantity\":\"many\"}", "Accept-Language", "en"), 400);
		assertThat(problem.get("type").asString()).isEqualTo("urn:mamori:problem:invalid-field-type");
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("quantity");
		assertThat(problem.toString()).doesNotContain("many");
	}

	@Test
	void anUnknownFieldIsNamed() {
		JsonNode problem = problem(this.http.post("/api/v1/test/probe", "application/json",
				"{\"name\":\"a\",\"quantity\":1,\"admin\":true}"), 400);
		assertThat(problem.get("type").asString()).isEqualTo("urn:mamori:problem:unknown-field");
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("admin");
	}

	@Test
	void invalidFieldsAreListedInJapaneseByDefault() {
		JsonNode problem = problem(
				this.http.post("/api/v1/test/probe", "application/json", "{\"name\":\" \",\"quantity\":-1}"), 400);
		assertThat(problem.get("type").asString()).isEqualTo("urn:mamori:problem:validation-failed");
		assertThat(problem.get("title").asString()).isEqualTo("入力内容に誤りがあります");
		assertThat(problem.get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("name", "quantity");
		assertThat(problem.get("errors").findValuesAsString("message")).contains("この項目は必須です。",
				"0以上の値を入力してください。");
	}

	@Test
	void aMissingBodyIsABadRequest() {
		JsonNode problem = problem(this.http.post("/api/v1/test/probe", "application/json", ""), 400);
		assertThat(problem.get("type").asString()).startsWith("urn:mamori:problem:");
	}

	@Test
	void aWrongContentTypeIsUnsupported() {
		JsonNode problem = problem(this.http.post("/api/v1/test/probe", "text/plain", "hello"), 415);
		assertThat(problem.get("type").asString()).isEqualTo("urn:mamori:problem:unsupported-media-type");
	}

	@Test
	void anOversizedBodyIsRefusedBeforeItIsRead() {
		JsonNode problem = problem(this.http.post("/api/v1/test/probe", "application/json",
				"{\"name\":\"" + "a".repeat(1_100_000) + "\",\"quantity\":1}", "Accept-Language", "en"), 413);
		assertThat(problem.get("type").asString()).isEqualTo("urn:mamori:problem:payload-too-large");
	}

	@Test
	void anUnknownRouteIsNotFound() {
		JsonNode problem = problem(this.http.get("/api/v1/nothing-here", "Accept-Language", "en"), 404);
		assertThat(problem.get("title").asString()).isEqualTo("Not found");
		assertThat(problem.get("requestId").asString()).isNotBlank();
	}

	@Test
	void aWrongMethodIsNotAllowedAndSaysWhichAre() {
		HttpResponse<String> response = this.http.send(this.http.request("/api/v1/test/probe")
			.method("DELETE", java.net.http.HttpRequest.BodyPublishers.noBody()));
		problem(response, 405);
		assertThat(response.headers().firstValue("Allow")).hasValueSatisfying((allow) -> assertThat(allow).contains("GET"));
	}

	@Test
	void aQueryParameterOfTheWrongTypeIsNamed() {
		JsonNode problem = problem(this.http.get("/api/v1/test/probe?q=x&n=abc"), 400);
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("n");
	}

	@Test
	void aMissingQueryParameterIsNamed() {
		JsonNode problem = problem(this.http.get("/api/v1/test/probe"), 400);
		assertThat(problem.get("type").asString()).isEqualTo("urn:mamori:problem:missing-parameter");
		assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("q");
	}

	@Test
	void aMalformedLanguageHeaderFallsBackToJapanese() {
		JsonNode problem = problem(this.http.get("/api/v1/nothing-here", "Accept-Language", "@@;q=x,,"), 404);
		assertThat(problem.get("title").asString()).isEqualTo("ページが見つかりません");
	}

	private static JsonNode problem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = json.readTree(response.body());
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("detail").asString()).isNotBlank();
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at jp.");
		return problem;
	}

}
