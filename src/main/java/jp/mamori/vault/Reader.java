package jp.mamori.vault;

import java.util.regex.Pattern;

import org.springframework.util.Assert;

/**
 * Who opens a sealed value. Staff and system reads are written to the operation log before the
 * value is returned; a subject reading its own data is not logged field by field.
 *
 * @param kind what sort of reader
 * @param id the staff account, the job's name, or the subject's identifier
 * @param subject the subject itself for {@link Kind#SUBJECT}, otherwise {@code null}
 */
public record Reader(Kind kind, String id, Subject subject) {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

	public Reader {
		Assert.notNull(kind, "kind cannot be null");
		Assert.isTrue(id != null && ID.matcher(id).matches(), "reader id must be an opaque identifier");
		Assert.isTrue((kind == Kind.SUBJECT) == (subject != null), "only a subject reader names a subject");
	}

	/** The subject reading its own data, e.g. a signed-in customer viewing their address. */
	public static Reader self(Subject subject) {
		Assert.notNull(subject, "subject cannot be null");
		return new Reader(Kind.SUBJECT, subject.id(), subject);
	}

	/** A member of staff, by account identifier. */
	public static Reader staff(String accountId) {
		return new Reader(Kind.STAFF, accountId, null);
	}

	/** The system acting for a named job, e.g. {@code shipping.label-printer}. */
	public static Reader system(String job) {
		return new Reader(Kind.SYSTEM, job, null);
	}

	/** The kinds of reader. */
	public enum Kind {

		SUBJECT, STAFF, SYSTEM

	}

}
