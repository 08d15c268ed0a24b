package jp.mamori.platform.web;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import jp.mamori.testing.MamoriTest;
import jp.mamori.testing.TestHttp;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Control characters, line breaks where a field has no use for them, lone surrogates and undecodable
 * parameters are refused with a 400 that names the field, in the caller's language (invariant 6).
 */
@MamoriTest
class TextInputTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	TestHttp http;

	@Autowired
	JsonMapper applicationMapper;

	@Test
	void theRuleRefusesControlsAndLoneSurrogatesAndLineBreaksOnlyInSingleLineFields() {
		for (String bad : List.of("a\u0000", "\u0007", "\u001b[2J", "x\u007f", "\u0085", "\u009f", "\ud800",
				"a\udc00b", "end\ud83d")) {
			assertThat(TextInput.check(bad, true)).as("%s", bad.codePoints().boxed().toList())
				.isEqualTo(TextInput.Fault.CONTROL);
		}
		for (String lines : List.of("a\nb", "a\r\nb", "a\tb", "a\u2028b", "a\u2029b")) {
			assertThat(TextInput.check(lines, false)).isEqualTo(TextInput.Fault.LINE_BREAK);
			assertThat(TextInput.check(lines, true)).isNull();
		}
		for (String good : List.of("", "山田 花子", "ﾔﾏﾀﾞ", "😀 emoji", "a&b<c>'\"", "taro@example.jp")) {
			assertThat(TextInput.check(good, false)).as(good).isNull();
		}
	}

	@Test
	void theJsonModuleChecksEveryStringItReads() {
		JsonMapper mapper = JsonMapper.builder().addModule(new TextInputModule()).build();
		assertThatExceptionOfType(TextInputException.class)
			.isThrownBy(() -> mapper.readValue("{\"line\":\"a\\u0000\"}", Form.class))
			.satisfies((ex) -> assertThat(ex.getPath().get(0).getPropertyName()).isEqualTo("line"));
		assertThatExceptionOfType(TextInputException.class)
			.isThrownBy(() -> mapper.readValue("{\"line\":\"a\\nb\"}", Form.class));
		assertThat(mapper.readValue("{\"text\":\"a\\nb\\tc\"}", Form.class).text()).isEqualTo("a\nb\tc");
		assertThatExceptionOfType(TextInputException.class)
			.isThrownBy(() -> mapper.readValue("{\"text\":\"a\\u001bb\"}", Form.class));
		assertThatExceptionOfType(TextInputException.class)
			.isThrownBy(() -> mapper.readValue("{\"tags\":[\"ok\",\"\\ud800\"]}", Form.class));
		assertThatExceptionOfType(TextInputException.class)
			.isThrownBy(() -> mapper.readValue("{\"tree\":{\"a\":[{\"b\":\"\\u0085\"}]}}", Form.class));
		assertThatExceptionOfType(TextInputException.class)
			.isThrownBy(() -> mapper.readValue("{\"tree\":{\"\\u0000\":1}}", Form.class));
		Form fine = mapper.readValue("{\"line\":\"山田\",\"tags\":[\"x\"],\"tree\":{\"a\":\"b\\nc\"}}", Form.class);
		assertThat(fine.line()).isEqualTo("山田");
		assertThat(fine.tree().path("a").asString()).isEqualTo("b\nc");
	}

	@Test
	void onlyRequestBodiesAreGuardedNotJsonTheApplicationReadsBack() {
		// Stored security events and the like may hold a TAB from a User-Agent; reading them must not fail.
		assertThat(this.applicationMapper.readValue("{\"line\":\"a\\tb\\u0000\"}", Form.class).line())
			.isEqualTo("a\tb\u0000");
	}

	record Form(String line, @MultilineText String text, List<String> tags, JsonNode tree) {
	}

	@Test
	void aNulInAJsonFieldIsA400NamingTheFieldInTheCallersLanguage() {
		String body = "{\"name\":\"taro\\u0000\",\"quantity\":1}";
		JsonNode english = problem(this.http.post("/api/v1/test/probe", "application/json", body, "Accept-Language",
				"en"), 400);
		assertThat(english.path("type").asString()).isEqualTo("urn:mamori:problem:control-characters");
		assertThat(english.path("title").asString()).isEqualTo("A field holds characters it may not hold");
		assertThat(english.path("errors").get(0).path("field").asString()).isEqualTo("name");
		assertThat(english.toString()).doesNotContain("taro");
		JsonNode japanese = problem(this.http.post("/api/v1/test/probe", "application/json", body, "Accept-Language",
				"ja"), 400);
		assertThat(japanese.path("title").asString()).isEqualTo("使用できない文字が含まれています");
		assertThat(japanese.path("errors").get(0).path("message").asString())
			.isEqualTo("この項目には制御文字または改行を入力できません。");
	}

	@Test
	void lineBreaksOnlyInMultilineFields() {
		HttpResponse<String> note = this.http.post("/api/v1/test/probe", "application/json",
				json.writeValueAsString(java.util.Map.of("name", "a", "quantity", 1, "note", "line 1\r\nline 2\tend")));
		assertThat(note.statusCode()).as(note.body()).isEqualTo(200);
		JsonNode name = problem(this.http.post("/api/v1/test/probe", "application/json",
				"{\"name\":\"a\\nb\",\"quantity\":1}"), 400);
		assertThat(name.path("errors").get(0).path("field").asString()).isEqualTo("name");
		JsonNode escape = problem(this.http.post("/api/v1/test/probe", "application/json",
				"{\"name\":\"a\",\"quantity\":1,\"note\":\"a\\u001b[31m\"}"), 400);
		assertThat(escape.path("errors").get(0).path("field").asString()).isEqualTo("note");
	}

	@Test
	void queryParametersAreChecked() {
		JsonNode nul = problem(this.http.get("/api/v1/test/probe?q=a%00b", "Accept-Language", "en"), 400);
		assertThat(nul.path("type").asString()).isEqualTo("urn:mamori:problem:control-characters");
		assertThat(nul.path("errors").get(0).path("field").asString()).isEqualTo("q");
		JsonNode c1 = problem(this.http.get("/api/v1/test/probe?q=a%C2%85b"), 400);
		assertThat(c1.path("errors").get(0).path("field").asString()).isEqualTo("q");
		JsonNode lineBreak = problem(this.http.get("/api/v1/test/probe?q=a%0D%0Ab"), 400);
		assertThat(lineBreak.path("errors").get(0).path("field").asString()).isEqualTo("q");
		assertThat(this.http.get("/api/v1/test/probe?q=%E5%B1%B1%E7%94%B0").statusCode()).isEqualTo(200);
	}

	@Test
	void aParameterThatIsNotUtf8IsA400() {
		JsonNode problem = problem(this.http.get("/api/v1/test/probe?q=a%C0%80%FFb", "Accept-Language", "en"), 400);
		assertThat(problem.path("type").asString()).isEqualTo("urn:mamori:problem:invalid-encoding");
	}

	@Test
	void aControlCharacterInThePathIsA400() {
		HttpResponse<String> response = this.http.get("/api/v1/test/probe/a%1Bb");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("Exception");
	}

	@Test
	void aFormGetsTheFriendlyPageNamingTheField() {
		HttpResponse<String> response = this.http.post("/test/probe", "application/x-www-form-urlencoded",
				"name=a%00b&quantity=1", "Accept", "text/html", "Accept-Language", "ja");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		assertThat(response.body()).contains("使用できない文字が含まれています").contains("name");
	}

	private static JsonNode problem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		return json.readTree(response.body());
	}

}
