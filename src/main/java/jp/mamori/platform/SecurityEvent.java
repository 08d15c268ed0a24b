package jp.mamori.platform;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.util.Assert;

/**
 * Something that matters to the security of the service happened: a refused card number, a failed
 * sign-in, a read of personal data. Events carry identifiers and network facts, never personal data:
 * the constructor refuses values that look like an e-mail address or a card number.
 *
 * @param id unique identifier of this event
 * @param name dotted name such as {@code security.pan_rejected} or {@code auth.login.failed}
 * @param occurredAt when it happened, from the injected clock
 * @param attributes identifiers and facts, keyed by lower-case snake-case names
 */
public record SecurityEvent(UUID id, String name, Instant occurredAt, Map<String, String> attributes) {

	private static final Pattern NAME = Pattern
		.compile("(security|auth|pii|staff|retention|audit|mail)(\\.[a-z0-9_]+){1,4}");

	private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,47}");

	private static final int MAX_VALUE_LENGTH = 256;

	public SecurityEvent {
		Assert.notNull(id, "id cannot be null");
		Assert.isTrue(name != null && NAME.matcher(name).matches(), () -> "not a security event name: " + name);
		Assert.notNull(occurredAt, "occurredAt cannot be null");
		Assert.notNull(attributes, "attributes cannot be null");
		attributes.forEach((key, value) -> {
			Assert.isTrue(KEY.matcher(key).matches(), () -> "not an attribute name: " + key);
			Assert.isTrue(value != null && value.length() <= MAX_VALUE_LENGTH, () -> "attribute too long: " + key);
			// CardNumbers reads UUIDs as identifiers, even those whose all-digit groups pass the Luhn check.
			Assert.isTrue(value.indexOf('@') < 0 && !CardNumbers.containsCardNumber(value),
					() -> "attribute " + key + " looks like personal data; events carry identifiers only");
		});
		attributes = Map.copyOf(attributes);
	}

}
