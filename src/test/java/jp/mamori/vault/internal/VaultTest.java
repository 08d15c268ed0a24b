package jp.mamori.vault.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.zaxxer.hikari.HikariDataSource;

import jp.mamori.testing.MamoriTest;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One shared context (one embedded PostgreSQL) for every vault test that needs a running Mamori. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@MamoriTest
@Import(VaultTest.Stores.class)
@interface VaultTest {

	@TestConfiguration(proxyBeanMethods = false)
	class Stores {

		@Bean
		TestValueStore testValueStore(HikariDataSource dataSource, JdbcClient jdbc) {
			return new TestValueStore(dataSource, jdbc);
		}

	}

}
