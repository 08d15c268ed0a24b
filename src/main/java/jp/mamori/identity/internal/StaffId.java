package jp.mamori.identity.internal;

import java.util.UUID;

import org.springframework.util.Assert;

/**
 * A staff account's identifier: a random UUID. A type of its own, never a
 * {@link jp.mamori.identity.CustomerId}, so that no code can pass one where the other belongs.
 *
 * @param value the UUID
 */
record StaffId(UUID value) {

	StaffId {
		Assert.notNull(value, "value cannot be null");
	}

	static StaffId random() {
		return new StaffId(UUID.randomUUID());
	}

	static StaffId parse(String text) {
		return new StaffId(UUID.fromString(text));
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
