package jp.mamori.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jp.mamori.testing.MamoriTest;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A whole Mamori whose loopback is a trusted proxy, so that tests can play many client addresses
 * with {@code X-Forwarded-For}, and whose bot check is cheap to solve. One context for every identity test: keep it that way.
 * Its fixtures ({@link AccountFixture}, {@link jp.mamori.staff.Staffing}) are beans of that context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@MamoriTest
@Import(FixtureConfiguration.class)
@TestPropertySource(properties = { "mamori.web.trusted-proxies=127.0.0.1/32,::1/128",
		// A small proof of work keeps thousands of test requests quick; BotCheckTests covers the default.
		"mamori.identity.bot-check.max-number=500",
		// Tests read a sign-in's notice as soon as the sign-in answers; SignInNoticeOutboxTests covers the
		// default, background delivery.
		"mamori.identity.notices.delivery=in-request",
		// ... and drives the retries of refused notices itself, with the clock.
		"mamori.identity.notices.retry-interval=1h" })
public @interface IdentityTest {

}
