package jp.mamori.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A whole Mamori on random ports, with its own home folder and so its own real embedded PostgreSQL,
 * and a {@link MutableClock} in place of the system clock.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mamori.db.embedded-port=0", "mamori.http.port=0", "management.server.port=0",
				// Verify every log in parallel segments, so every audit test walks segment boundaries.
				"mamori.audit.verify-segment-size=3" })
@ContextConfiguration(initializers = TemporaryHome.class)
@Import({ TestClockConfiguration.class, TestHttpConfiguration.class })
public @interface MamoriTest {

}
