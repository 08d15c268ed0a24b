package jp.mamori.vault;

import java.util.regex.Pattern;

import org.springframework.util.Assert;

/**
 * Where a sealed value belongs. It is bound to the ciphertext as associated data, so a value copied
 * to another subject, field or row does not open there.
 *
 * @param subject whose data it is
 * @param field dotted name of the column, e.g. {@code customer.name}
 * @param rowId opaque identifier of the row that holds it
 */
public record SealContext(Subject subject, String field, String rowId) {

	private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*){1,3}");

	private static final Pattern ROW = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_:.-]{0,99}");

	public SealContext {
		Assert.notNull(subject, "subject cannot be null");
		Assert.isTrue(field != null && FIELD.matcher(field).matches(), "field must be a dotted name like customer.name");
		Assert.isTrue(rowId != null && ROW.matcher(rowId).matches(), "rowId must be an opaque identifier");
	}

	public static SealContext of(Subject subject, String field, String rowId) {
		return new SealContext(subject, field, rowId);
	}

}
