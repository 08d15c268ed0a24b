package jp.mamori.audit;

import java.util.Map;
import java.util.UUID;

/**
 * Appends to the operation log: every staff action and every read of personal data (invariant 3).
 *
 * <p>An entry is written in the caller's transaction when there is one, so it is committed exactly
 * when the change it describes is, and rolled back with it. Entries are never updated in place; a
 * sealer later links them into a hash chain signed with a key outside the database, so that any
 * later change, removal, insertion or trimming is detected by {@link LogIntegrity#verify()}.
 */
public interface OperationLog {

	/**
	 * Append an entry.
	 * @param actor who acted
	 * @param action dotted name of what was done, e.g. {@code order.viewed}
	 * @param subject opaque identifier of what it was done to, or {@code null}
	 * @param purpose why, e.g. a ticket number or a reason code, or {@code null}
	 * @param details identifiers and facts (strings, integers, booleans, nested maps and lists);
	 * never personal data
	 * @return the new entry's identifier
	 * @throws InvalidLogEntryException if a value is malformed, contains a NUL character or is too
	 * large; nothing is written then
	 */
	UUID record(Actor actor, String action, String subject, String purpose, Map<String, ?> details);

}
