package jp.mamori.identity.account;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import jp.mamori.identity.CustomerId;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
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
	public WebEndpointResponse<Object> force(@Nullable Boolean all, @Nullable String customers,
			@Nullable String operator) {
		boolean everyone = Boolean.TRUE.equals(all);
		if (everyone == (customers != null && !customers.isBlank())) {
			return new WebEndpointResponse<>(Map.of("error", "give either all=true or customers (comma-separated UUIDs)"),
					WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		Set<CustomerId> chosen = null;
		if (!everyone) {
			try {
				chosen = ForcedPasswordResets.parse(customers);
			}
			catch (IllegalArgumentException ex) {
				return new WebEndpointResponse<>(Map.of("error", "customers must be comma-separated UUIDs"),
						WebEndpointResponse.STATUS_BAD_REQUEST);
			}
		}
		return new WebEndpointResponse<>(this.resets.force(chosen, operator), WebEndpointResponse.STATUS_OK);
	}

}
