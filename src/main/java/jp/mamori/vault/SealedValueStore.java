package jp.mamori.vault;

import java.util.List;

import org.springframework.util.Assert;

/**
 * Implemented by every module that stores sealed values, so that key rotation can re-encrypt them
 * without reading another module's tables. Declare an implementation as a bean; the rotation job
 * walks all of them.
 */
public interface SealedValueStore {

	/** @return a short stable name for logs and the operation log, e.g. {@code customer.profile} */
	String name();

	/**
	 * @param keyReference a {@link Sealed#keyReference()}
	 * @param limit at most this many
	 * @return values currently stored under that key
	 */
	List<Stored> findUnder(String keyReference, int limit);

	/**
	 * Replace a value only if the row still holds {@code current} (compare and set), so a concurrent
	 * update by the owning module wins over re-encryption.
	 * @return whether the row was changed
	 */
	boolean replace(Stored current, Sealed replacement);

	/**
	 * A sealed value and where it is.
	 * @param context the subject, field and row it is bound to
	 * @param sealed the stored value
	 */
	record Stored(SealContext context, Sealed sealed) {

		public Stored {
			Assert.notNull(context, "context cannot be null");
			Assert.notNull(sealed, "sealed cannot be null");
		}

	}

}
