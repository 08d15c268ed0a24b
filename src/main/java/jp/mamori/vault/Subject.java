package jp.mamori.vault;

import java.util.regex.Pattern;

import org.springframework.util.Assert;

/**
 * Whose personal data a value is: the owner of the key that seals it. Destroying a subject destroys
 * that key, so everything sealed for it becomes unreadable.
 *
 * @param kind what sort of subject
 * @param id opaque identifier (an account or order UUID), never a name or an e-mail address
 */
public record Subject(Kind kind, String id) {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

	public Subject {
		Assert.notNull(kind, "kind cannot be null");
		Assert.isTrue(id != null && ID.matcher(id).matches(), "subject id must be an opaque identifier");
	}

	public static Subject customer(String id) {
		return new Subject(Kind.CUSTOMER, id);
	}

	public static Subject guestOrder(String id) {
		return new Subject(Kind.GUEST_ORDER, id);
	}

	public static Subject seller(String id) {
		return new Subject(Kind.SELLER, id);
	}

	/** @return a staff account, whose own secrets (a TOTP seed) are sealed like anyone's personal data */
	public static Subject staff(String id) {
		return new Subject(Kind.STAFF, id);
	}

	/** @return a compact reference such as {@code customer:7f3a…}, safe to log */
	public String reference() {
		return this.kind.code + ":" + this.id;
	}

	/** Parse what {@link #reference()} produced. */
	public static Subject parse(String reference) {
		Assert.notNull(reference, "reference cannot be null");
		int colon = reference.indexOf(':');
		Assert.isTrue(colon > 0, "not a subject reference");
		String code = reference.substring(0, colon);
		for (Kind kind : Kind.values()) {
			if (kind.code.equals(code)) {
				return new Subject(kind, reference.substring(colon + 1));
			}
		}
		throw new IllegalArgumentException("not a subject reference");
	}

	@Override
	public String toString() {
		return reference();
	}

	/** The kinds of subject that own personal data. */
	public enum Kind {

		CUSTOMER("customer"), GUEST_ORDER("guest"), SELLER("seller"), STAFF("staff");

		private final String code;

		Kind(String code) {
			this.code = code;
		}

		public String code() {
			return this.code;
		}

	}

}
