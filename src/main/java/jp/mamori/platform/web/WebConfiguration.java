package jp.mamori.platform.web;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jp.mamori.platform.PlatformProperties;
import jp.mamori.platform.SecurityEvents;

import org.springframework.boot.web.server.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.util.Assert;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import jakarta.servlet.DispatcherType;

/**
 * Registers the baseline filters in their order: the card-number guard first, then the text-input
 * guard, then the redirect; the text-input guard for JSON bodies and handler parameters; and the
 * client-address resolver every module asks who a request came from.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

	static final int GUARD_ORDER = Ordered.HIGHEST_PRECEDENCE;

	static final int TEXT_INPUT_ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

	static final int REDIRECT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	static final String FORMER_TRUSTED_PROXIES = "mamori.identity.trusted-proxies";

	private final AtomicInteger httpsPort = new AtomicInteger(443);

	@Bean
	FilterRegistrationBean<CardNumberGuardFilter> cardNumberGuard(Problems problems, SecurityEvents events,
			PlatformProperties properties) {
		FilterRegistrationBean<CardNumberGuardFilter> registration = new FilterRegistrationBean<>(
				new CardNumberGuardFilter(problems, events, properties.web().maxRequestSize().toBytes()));
		registration.setOrder(GUARD_ORDER);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
		return registration;
	}

	/**
	 * Security decision: the forwarding header is believed only from {@code mamori.web.trusted-proxies}.
	 * The setting's former name is refused rather than ignored: ignored, every customer behind the
	 * proxy would silently share its address, its throttle and its bot check.
	 */
	@Bean
	ClientAddressResolver clientAddressResolver(PlatformProperties properties, Environment environment) {
		Assert.state(!environment.containsProperty(FORMER_TRUSTED_PROXIES),
				() -> FORMER_TRUSTED_PROXIES + " is now mamori.web.trusted-proxies (env MAMORI_TRUSTED_PROXIES)");
		return new ClientAddressResolver(properties.web().trustedProxies(), properties.web().forwardedHeader());
	}

	@Bean
	FilterRegistrationBean<TextInputFilter> textInputFilter(Problems problems) {
		FilterRegistrationBean<TextInputFilter> registration = new FilterRegistrationBean<>(
				new TextInputFilter(problems));
		registration.setOrder(TEXT_INPUT_ORDER);
		return registration;
	}

	/**
	 * The interceptor first of all interceptors, so that no other one reads a parameter before it is
	 * checked; and every request body's strings checked as the JSON converter reads them. Only the
	 * converter's mapper gets the module: the application's own mapper reads stored JSON back (security
	 * events, for one), which may rightly hold what a request may not.
	 */
	@Bean
	WebMvcConfigurer textInputGuard(Problems problems) {
		TextInputInterceptor interceptor = new TextInputInterceptor(problems);
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(interceptor).order(Ordered.HIGHEST_PRECEDENCE);
			}

			@Override
			public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
				converters.replaceAll((converter) -> (converter instanceof JacksonJsonHttpMessageConverter json)
						? new JacksonJsonHttpMessageConverter(json.getMapper().rebuild().addModule(new TextInputModule()))
						: converter);
			}

		};
	}

	@Bean
	FilterRegistrationBean<HttpsRedirectFilter> httpsRedirect() {
		FilterRegistrationBean<HttpsRedirectFilter> registration = new FilterRegistrationBean<>(
				new HttpsRedirectFilter(this.httpsPort));
		registration.setOrder(REDIRECT_ORDER);
		return registration;
	}

	@Bean
	ApplicationListener<ServletWebServerInitializedEvent> httpsPortListener() {
		return (event) -> {
			// The management server announces itself too; only the main server's port counts.
			if (event.getApplicationContext().getServerNamespace() == null) {
				this.httpsPort.set(event.getWebServer().getPort());
			}
		};
	}

	@Bean
	LocaleResolver localeResolver() {
		return new Languages();
	}

}
