package jp.mamori.platform.web;

import java.util.Iterator;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Schema;

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

	/**
	 * Names a nested request or response type after its enclosing class too: two controllers' records
	 * called {@code CodeRequest} were one schema, so the description gave one endpoint the other's
	 * fields, and clients (and the fuzz test) sent the wrong ones.
	 */
	@Bean
	ModelConverter nestedTypeNames() {
		return new ModelConverter() {

			@Override
			public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
				Class<?> raw = (type.getType() instanceof Class<?> c) ? c
						: (type.getType() instanceof com.fasterxml.jackson.databind.JavaType j) ? j.getRawClass() : null;
				if (type.getName() == null && raw != null && raw.getEnclosingClass() != null && !raw.isEnum()
						&& !raw.getName().startsWith("java.")) {
					type.name(raw.getEnclosingClass().getSimpleName() + raw.getSimpleName());
				}
				return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
			}

		};
	}

}
