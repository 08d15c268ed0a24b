package jp.mamori.identity.botcheck;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

import jp.mamori.identity.credentials.SourceThrottle;
import jp.mamori.platform.web.ClientAddressResolver;
import jp.mamori.platform.web.Problems;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The bot check: ALTCHA unless {@code mamori.identity.bot-check.provider} names reCAPTCHA or Turnstile. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BotCheckProperties.class)
class BotCheckConfiguration {

	@Bean
	@ConditionalOnProperty(name = "mamori.identity.bot-check.provider", havingValue = "altcha", matchIfMissing = true)
	AltchaBotCheck altchaBotCheck(JdbcClient jdbc, BotCheckProperties properties, Clock clock) {
		return new AltchaBotCheck(jdbc, properties, clock);
	}

	@Bean
	@ConditionalOnProperty(name = "mamori.identity.bot-check.provider", havingValue = "recaptcha")
	SiteVerifyBotCheck recaptchaBotCheck(BotCheckProperties properties) {
		return siteVerify(properties);
	}

	@Bean
	@ConditionalOnProperty(name = "mamori.identity.bot-check.provider", havingValue = "turnstile")
	SiteVerifyBotCheck turnstileBotCheck(BotCheckProperties properties) {
		return siteVerify(properties);
	}

	private static SiteVerifyBotCheck siteVerify(BotCheckProperties properties) {
		return new SiteVerifyBotCheck(properties,
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build());
	}

	@Bean
	BotCheckRequirement botCheckRequirement(BotCheck botCheck, BotCheckProperties properties) {
		return new BotCheckRequirement(botCheck, properties.freeSignInFailures());
	}

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	WebMvcConfigurer botCheckInterceptor(BotCheckRequirement botCheck, SourceThrottle throttle,
			ClientAddressResolver addresses, Problems problems) {
		BotCheckInterceptor interceptor = new BotCheckInterceptor(botCheck, throttle, addresses, problems);
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(interceptor);
			}

		};
	}

	@Bean
	SpentSolutionPurge spentSolutionPurge(ObjectProvider<AltchaBotCheck> altcha) {
		return new SpentSolutionPurge(altcha);
	}

	/** Deletes the record of spent ALTCHA solutions once their challenges have expired. */
	static final class SpentSolutionPurge {

		private final ObjectProvider<AltchaBotCheck> altcha;

		SpentSolutionPurge(ObjectProvider<AltchaBotCheck> altcha) {
			this.altcha = altcha;
		}

		@Scheduled(fixedDelayString = "${mamori.identity.bot-check.purge-interval:10m}", initialDelayString = "1m")
		void purge() {
			this.altcha.ifAvailable(AltchaBotCheck::purgeSpent);
		}

	}

}
