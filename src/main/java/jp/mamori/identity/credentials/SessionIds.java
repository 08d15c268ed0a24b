package jp.mamori.identity.credentials;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

import org.springframework.util.Assert;

/**
 * The form in which a session ID is stored: a keyed hash ({@link SecretDigests}, current key), never the
 * ID itself. The cookie carries the ID; the database carries only {@code h} and 35 Base64url characters
 * of its HMAC (210 bits, as wide as Spring Session's {@code session_id} column), so a session ID read
 * from a replica, a backup or an injection opens no session.
 *
 * <p>Security decisions:
 * <ul>
 * <li>Session IDs are UUIDs; a stored form never is one (it starts with {@code h}). What a client sends
 * is used only if it is a UUID ({@link #isSessionId}), so a stored form sent as a cookie is never taken
 * as already hashed: it is dropped.</li>
 * <li>Only what Mamori itself read from the table (the session list) arrives here in stored form, and
 * {@link #stored} leaves it as it is, so that a listed session can be ended.</li>
 * <li>Only the current key is used: when the key rotates, sessions stored under the old one end and
 * their owners sign in again.</li>
 * </ul>
 */
public final class SessionIds {

	private static final String PURPOSE = "mamori.identity.session-id.v1";

	private static final Pattern SESSION_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private static final Pattern STORED = Pattern.compile("h[A-Za-z0-9_-]{35}");

	private final SecretDigests digests;

	public SessionIds(SecretDigests digests) {
		Assert.notNull(digests, "digests cannot be null");
		this.digests = digests;
	}

	/** @return whether {@code value} (e.g. a cookie's) has the shape of a session ID Mamori hands out */
	public static boolean isSessionId(String value) {
		return value != null && SESSION_ID.matcher(value).matches();
	}

	/** @return the stored form of a session ID; a stored form (from the session table) as it is */
	public String stored(String id) {
		Assert.notNull(id, "id cannot be null");
		if (STORED.matcher(id).matches()) {
			return id;
		}
		byte[] mac = this.digests.currentMac(PURPOSE, id.getBytes(StandardCharsets.UTF_8));
		return "h" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac).substring(0, 35);
	}

	/** @return whether two session IDs, each raw or stored, name the same session */
	public boolean same(String one, String other) {
		return one != null && other != null && stored(one).equals(stored(other));
	}

}
