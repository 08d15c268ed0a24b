package jp.mamori.audit;

import java.util.List;

import jp.mamori.platform.SecurityEvent;

/**
 * The persisted security events. Every {@link SecurityEvent} published through
 * {@code jp.mamori.platform.SecurityEvents} is stored, insert-only, in the publisher's transaction.
 */
public interface SecurityEventLog {

	/**
	 * @param namePrefix a prefix of the dotted name, e.g. {@code auth.} or {@code auth.login.failed};
	 * empty for all
	 * @param limit at most this many (1 to 1000)
	 * @return the most recent events whose name starts with the prefix, newest first
	 */
	List<SecurityEvent> recent(String namePrefix, int limit);

}
