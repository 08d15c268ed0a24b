package jp.mamori.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Gives each test application context a fresh Mamori home folder (and so a fresh database). */
public final class TemporaryHome implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	public static final String PROPERTY = "mamori.home";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		if (context.getEnvironment().containsProperty("mamori.db.url")) {
			return;
		}
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("temporaryHome", Map.of(PROPERTY, create().toString())));
	}

	/** @return a new empty folder under {@code target/test-homes} */
	public static Path create() {
		try {
			Path root = Path.of("target", "test-homes");
			Files.createDirectories(root);
			return Files.createTempDirectory(root.toAbsolutePath(), "home-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
