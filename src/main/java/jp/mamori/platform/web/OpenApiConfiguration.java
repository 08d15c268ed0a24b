package jp.mamori.platform.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The JSON API described in OpenAPI 3.1 at {@value #PATH} (springdoc reads the controllers). Only the
 * description is served: no interactive console, which would need inline script the
 * Content-Security-Policy refuses.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class OpenApiConfiguration {

	static final String PATH = "/api/v1/openapi.json";

	@Bean
	OpenAPI mamoriOpenApi() {
		return new OpenAPI().info(new Info().title("Mamori API")
			.version("v1")
			.description("Commerce backend for Japanese shops with customers' personal data protection built in. "
					+ "Errors are RFC 9457 problem details in Japanese or English (Accept-Language). Unsafe requests "
					+ "need the CSRF token from GET /api/v1/customer/csrf in the X-XSRF-TOKEN header; forms that need a "
					+ "bot check take a solved challenge from GET /api/v1/bot-check/challenge in the Bot-Check header.")
			.license(new License().name("Proprietary")));
	}

}
