package jp.mamori.identity;

import java.util.UUID;

import org.springframework.util.Assert;

/**
 * A customer account's identifier: a random UUID, safe to put in URLs, events and logs because it
 * says nothing about the person and cannot be guessed from its neighbours.
 *
 * @param value the UUID
 */
public record CustomerId(UUID value) {

	public CustomerId {
		Assert.notNull(value, "value cannot be null");
	}

	/** @return a new random identifier */
	public static CustomerId random() {
		return new CustomerId(UUID.randomUUID());
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
