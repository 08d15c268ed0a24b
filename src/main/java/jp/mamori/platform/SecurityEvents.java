package jp.mamori.platform;

import java.util.Map;

/**
 * Publishes security events. Every event is persisted by the audit module and delivered to every
 * {@code @EventListener} of {@link SecurityEvent} in the publisher's thread (and transaction, if any).
 */
public interface SecurityEvents {

	/**
	 * Publish an event now.
	 * @param name dotted event name, e.g. {@code auth.login.failed}
	 * @param attributes identifiers and facts; never personal data
	 * @return the published event
	 */
	SecurityEvent publish(String name, Map<String, String> attributes);

}
