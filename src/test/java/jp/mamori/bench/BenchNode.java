package jp.mamori.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;

import jp.mamori.MamoriApplication;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** A whole Mamori without its web server, on a fresh embedded PostgreSQL, for the benchmarks. */
final class BenchNode implements AutoCloseable {

	final ConfigurableApplicationContext context;

	private SingleConnectionDataSource superuser;

	BenchNode() {
		Path home;
		try {
			Path root = Path.of("target", "bench-homes");
			Files.createDirectories(root);
			home = Files.createTempDirectory(root.toAbsolutePath(), "home-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.context = new SpringApplicationBuilder(MamoriApplication.class).web(WebApplicationType.NONE)
			// Arguments, not default properties: application.yml would override those.
			.run("--mamori.home=" + home, "--mamori.db.embedded-port=0", "--logging.level.root=warn");
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/** PostgreSQL's superuser, to load data faster than the application could. */
	JdbcClient superuser() {
		if (this.superuser == null) {
			this.superuser = new SingleConnectionDataSource(bean(HikariDataSource.class).getJdbcUrl(), "postgres", "",
					true);
		}
		return JdbcClient.create(this.superuser);
	}

	@Override
	public void close() {
		if (this.superuser != null) {
			this.superuser.destroy();
		}
		this.context.close();
	}

}
