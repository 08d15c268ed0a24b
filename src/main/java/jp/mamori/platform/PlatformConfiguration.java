package jp.mamori.platform;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock every schedule reads, and the security-event publisher. */
@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

	/** Invariant 7: one clock for everything; tests replace this bean with one they can move. */
	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	SecurityEvents securityEvents(ApplicationEventPublisher publisher, Clock clock) {
		return (name, attributes) -> {
			Map<String, String> withRequest = attributes;
			String requestId = MDC.get(RequestIds.MDC_KEY);
			if (requestId != null && !attributes.containsKey("request_id")) {
				withRequest = new java.util.HashMap<>(attributes);
				withRequest.put("request_id", requestId);
			}
			SecurityEvent event = new SecurityEvent(UUID.randomUUID(), name, clock.instant(), withRequest);
			publisher.publishEvent(event);
			return event;
		};
	}

}
