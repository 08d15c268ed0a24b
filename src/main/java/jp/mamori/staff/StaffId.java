package jp.mamori.staff;

import java.util.UUID;

import org.springframework.util.Assert;

/**
 * A staff account's identifier: a random UUID. A type of its own, never a
 * {@link jp.mamori.identity.CustomerId}, so that no code can pass one where the other belongs.
 *
 * @param value the UUID
 */
public record StaffId(UUID value) {

	public StaffId {
		Assert.notNull(value, "value cannot be null");
	}

	public static StaffId random() {
		return new StaffId(UUID.randomUUID());
	}

	public static StaffId parse(String text) {
		return new StaffId(UUID.fromString(text));
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
