package jp.mamori.testing;

import java.nio.file.Path;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/** An HTTPS client for the running test server, made once the server's port is known. */
@TestConfiguration(proxyBeanMethods = false)
public class TestHttpConfiguration {

	@Bean
	@Lazy
	TestHttp testHttp(Environment environment) {
		return new TestHttp(Path.of(environment.getRequiredProperty(TemporaryHome.PROPERTY)),
				environment.getRequiredProperty("local.server.port", Integer.class));
	}

}
