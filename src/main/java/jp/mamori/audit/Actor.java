package jp.mamori.audit;

import java.util.regex.Pattern;

import org.springframework.util.Assert;

/**
 * Who did something recorded in the operation log: a member of staff, a customer or the system
 * itself, named by an opaque identifier (never a name or an e-mail address).
 *
 * @param kind what sort of actor this is
 * @param id the actor's opaque identifier, e.g. a staff account's UUID or a job's name
 */
public record Actor(Kind kind, String id) {

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

	public Actor {
		Assert.notNull(kind, "kind cannot be null");
		// An opaque identifier: no '@', no spaces, nothing that could be a name or an address.
		Assert.isTrue(id != null && ID.matcher(id).matches(), "actor id must be an opaque identifier");
	}

	/** @return the system itself, acting as the named job or component */
	public static Actor system(String component) {
		return new Actor(Kind.SYSTEM, component);
	}

	/** @return a member of staff, by account identifier */
	public static Actor staff(String accountId) {
		return new Actor(Kind.STAFF, accountId);
	}

	/** @return a customer, by account identifier */
	public static Actor customer(String accountId) {
		return new Actor(Kind.CUSTOMER, accountId);
	}

	/** The kinds of actor. */
	public enum Kind {

		STAFF, CUSTOMER, SYSTEM

	}

}
