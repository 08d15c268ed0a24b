package jp.mamori.identity.internal;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.util.Assert;

/**
 * {@code POST /actuator/forcepasswordreset} on the management port, with {@code {"all": true}} or
 * {@code {"customers": "uuid,uuid"}} and the operator's login name; used by
 * {@code ./mamori force-password-reset}.
 *
 * <p>Security decision: like the operation-log endpoint it is reachable only on the management server,
 * which listens on 127.0.0.1, so it takes the same trust as a shell on the host (which could run the
 * command mode against the database anyway). It accepts JSON bodies only, which a cross-site form
 * cannot send without a preflight. Every use is in the operation log.
 */
@Endpoint(id = "forcepasswordreset")
final class ForcedPasswordResetEndpoint {

	private final ForcedPasswordResets resets;

	ForcedPasswordResetEndpoint(ForcedPasswordResets resets) {
		Assert.notNull(resets, "resets cannot be null");
		this.resets = resets;
	}

	@WriteOperation
	public Object force(@Nullable Boolean all, @Nullable String customers,
			@Nullable String operator) {
		boolean everyone = Boolean.TRUE.equals(all);
		if (everyone == (customers != null && !customers.isBlank())) {
			return Map.of("error", "give either all=true or customers (comma-separated UUIDs)");
		}
		try {
			return this.resets.force(everyone ? null : ForcedPasswordResets.parse(customers), operator);
		}
		catch (IllegalArgumentException ex) {
			return Map.of("error", "customers must be comma-separated UUIDs");
		}
	}

}
