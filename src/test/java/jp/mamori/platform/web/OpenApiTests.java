package jp.mamori.platform.web;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;

import jp.mamori.testing.MamoriTest;
import jp.mamori.testing.TestHttp;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/** Every JSON API endpoint is in the OpenAPI description, with each of its HTTP methods. */
@MamoriTest
class OpenApiTests {

	@Autowired
	TestHttp http;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Test
	void everyApiEndpointIsDescribed() {
		HttpResponse<String> response = this.http.get(OpenApiConfiguration.PATH);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode description = JsonMapper.builder().build().readTree(response.body());
		assertThat(description.path("openapi").asString()).startsWith("3.");
		assertThat(description.path("info").path("title").asString()).isEqualTo("Mamori API");
		TreeSet<String> expected = new TreeSet<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : this.mappings.getHandlerMethods().entrySet()) {
			for (String pattern : entry.getKey().getPatternValues()) {
				if (pattern.startsWith("/api/v1/") && !pattern.startsWith(OpenApiConfiguration.PATH)) {
					entry.getKey().getMethodsCondition().getMethods().forEach((method) -> expected
						.add(method.name().toLowerCase() + " " + pattern));
				}
			}
		}
		TreeSet<String> described = new TreeSet<>();
		description.path("paths").properties().forEach((path) -> path.getValue().propertyNames()
			.forEach((method) -> described.add(method + " " + path.getKey())));
		assertThat(expected).as("API endpoints").isNotEmpty().contains("post /api/v1/customer/session");
		assertThat(described).containsAll(expected);
	}

}
