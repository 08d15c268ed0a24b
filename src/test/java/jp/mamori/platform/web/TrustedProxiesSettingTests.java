package jp.mamori.platform.web;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.mamori.platform.PlatformProperties;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import jp.mamori.platform.ForwardedHeader;

/** The trusted proxies are a platform setting, set by the operator's {@code MAMORI_TRUSTED_PROXIES}. */
class TrustedProxiesSettingTests {

	@Test
	void theOperatorsVariableStillNamesTheTrustedProxies() throws IOException {
		PlatformProperties.Web web = bind(Map.of("MAMORI_TRUSTED_PROXIES", "10.0.0.0/8,::1/128"));
		assertThat(web.trustedProxies()).containsExactly("10.0.0.0/8", "::1/128");
		assertThat(web.forwardedHeader()).isEqualTo(ForwardedHeader.X_FORWARDED_FOR);
		PlatformProperties.Web rfc7239 = bind(Map.of("MAMORI_WEB_FORWARDED_HEADER", "forwarded"));
		assertThat(rfc7239.forwardedHeader()).isEqualTo(ForwardedHeader.FORWARDED);
	}

	@Test
	void byDefaultNoProxyIsTrusted() throws IOException {
		PlatformProperties.Web web = bind(Map.of());
		ClientAddressResolver resolver = new WebConfiguration().clientAddressResolver(properties(web),
				new MockEnvironment());
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr("127.0.0.1");
		request.addHeader("X-Forwarded-For", "198.51.100.7");
		assertThat(resolver.resolve(request).getHostAddress()).isEqualTo("127.0.0.1");
	}

	@Test
	void theSettingsFormerNameIsRefusedRatherThanSilentlyIgnored() {
		PlatformProperties.Web web = new PlatformProperties.Web(DataSize.ofMegabytes(1), List.of("10.0.0.0/8"),
				ForwardedHeader.X_FORWARDED_FOR);
		MockEnvironment environment = new MockEnvironment().withProperty("mamori.identity.trusted-proxies",
				"10.0.0.0/8");
		assertThatIllegalStateException()
			.isThrownBy(() -> new WebConfiguration().clientAddressResolver(properties(web), environment))
			.withMessageContaining("mamori.web.trusted-proxies");
	}

	private static PlatformProperties properties(PlatformProperties.Web web) {
		return new PlatformProperties(Path.of(".mamori"), null, null, null, web);
	}

	private static PlatformProperties.Web bind(Map<String, Object> variables) throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		// Only the variables given here, as the process environment is read.
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("variables", variables));
		new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
			.forEach(environment.getPropertySources()::addLast);
		return Binder.get(environment).bindOrCreate("mamori.web", PlatformProperties.Web.class);
	}

}
