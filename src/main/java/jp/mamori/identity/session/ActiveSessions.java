package jp.mamori.identity.session;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jp.mamori.identity.IdentitySecurityEvents;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.SessionIds;
import jp.mamori.platform.SecurityEvents;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.util.Assert;

/**
 * A customer's signed-in sessions on every node: list them, end one, end all but the current one.
 *
 * <p>Security decisions:
 * <ul>
 * <li>Sessions are found through Spring Session's principal-name index, which holds the account's
 * UUID, so a customer only ever sees and ends their own; a handle of someone else's session is
 * answered like one that does not exist.</li>
 * <li>A session is named by a random handle stored in it at sign-in, never by its ID: the ID is the
 * cookie's value, and a page that listed IDs would hand out what is needed to take a session over.
 * A keyed hash of the ID would need a key shared by every node and would change whenever the ID
 * changes; Spring Session's primary key is not reachable through its API. The random handle needs
 * no key, is the same on every node and outlives changes of the session ID.</li>
 * <li>The session table holds keyed hashes of the IDs ({@link SessionIds}); the listed sessions are named
 * by those, and compared with the asking session's ID through the same hash.</li>
 * <li>Sessions past their {@link SessionLifetime} are neither listed nor counted.</li>
 * <li>Every ending publishes {@code auth.session.revoked} with the account, how many sessions ended,
 * and who asked (address and user agent).</li>
 * </ul>
 */
public final class ActiveSessions {

	/**
	 * One session as its owner sees it.
	 * @param handle names the session for {@link #end}; not its ID
	 * @param device e.g. {@code Chrome (Android)}, or {@code null} if not recognised
	 * @param address the address it signed in from
	 * @param current whether this is the session asking
	 */
	public record ActiveSession(String handle, String device, String address, Instant startedAt, Instant lastSeenAt,
			boolean current) {
	}

	/** What {@link #end} did. */
	public enum Ending {

		/** Another session of the customer's ended. */
		ENDED,

		/** The handle names the session asking; the caller ends it (and signs out) itself. */
		CURRENT,

		/** No session of this customer's has this handle. */
		NOT_FOUND

	}

	private final FindByIndexNameSessionRepository<? extends Session> sessions;

	private final SessionLifetime lifetime;

	private final SecurityEvents events;

	private final SessionIds ids;

	ActiveSessions(FindByIndexNameSessionRepository<? extends Session> sessions, SessionLifetime lifetime,
			SecurityEvents events, SessionIds ids) {
		Assert.notNull(ids, "ids cannot be null");
		this.ids = ids;
		Assert.notNull(sessions, "sessions cannot be null");
		Assert.notNull(lifetime, "lifetime cannot be null");
		Assert.notNull(events, "events cannot be null");
		this.sessions = sessions;
		this.lifetime = lifetime;
		this.events = events;
	}

	/** @return the customer's live sessions, the most recently used first */
	public List<ActiveSession> list(CustomerId account, String currentSessionId) {
		List<ActiveSession> list = new ArrayList<>();
		live(account).forEach((id, session) -> {
			String handle = session.getAttribute(CustomerSessions.HANDLE);
			Long signedInAt = session.getAttribute(CustomerSessions.SIGNED_IN_AT);
			Long lastSeenAt = session.getAttribute(CustomerSessions.LAST_SEEN_AT);
			list.add(new ActiveSession(handle, session.getAttribute(CustomerSessions.DEVICE),
					session.getAttribute(CustomerSessions.ADDRESS), Instant.ofEpochMilli(signedInAt),
					Instant.ofEpochMilli((lastSeenAt != null) ? lastSeenAt : signedInAt), this.ids.same(id, currentSessionId)));
		});
		list.sort(Comparator.comparing(ActiveSession::lastSeenAt).reversed());
		return list;
	}

	/** End the customer's session named {@code handle}, unless it is the current one (see {@link Ending}). */
	public Ending end(CustomerId account, String handle, String currentSessionId, ClientSource source) {
		if (handle == null) {
			return Ending.NOT_FOUND;
		}
		Optional<String> found = live(account).entrySet()
			.stream()
			.filter((entry) -> sameHandle(entry.getValue().getAttribute(CustomerSessions.HANDLE), handle))
			.map(Map.Entry::getKey)
			.findFirst();
		if (found.isEmpty()) {
			return Ending.NOT_FOUND;
		}
		if (this.ids.same(found.get(), currentSessionId)) {
			revoked(account, 1, "current", source);
			return Ending.CURRENT;
		}
		this.sessions.deleteById(found.get());
		revoked(account, 1, "one", source);
		return Ending.ENDED;
	}

	/** @return how many of the customer's other sessions were ended */
	public int endOthers(CustomerId account, String currentSessionId, ClientSource source) {
		int ended = 0;
		for (String id : this.sessions.findByPrincipalName(account.toString()).keySet()) {
			if (!this.ids.same(id, currentSessionId)) {
				this.sessions.deleteById(id);
				ended++;
			}
		}
		revoked(account, ended, "others", source);
		return ended;
	}

	private Map<String, Session> live(CustomerId account) {
		Map<String, Session> live = new HashMap<>();
		this.sessions.findByPrincipalName(account.toString()).forEach((id, session) -> {
			if (!session.isExpired() && session.getAttribute(CustomerSessions.HANDLE) != null
					&& session.getAttribute(CustomerSessions.SIGNED_IN_AT) != null
					&& this.lifetime.ending(session::getAttribute) == SessionLifetime.Ending.NONE) {
				live.put(id, session);
			}
		});
		return live;
	}

	/** Compared in constant time like every secret; only the customer's own sessions are searched anyway. */
	private static boolean sameHandle(String stored, String given) {
		return stored != null && MessageDigest.isEqual(stored.getBytes(StandardCharsets.UTF_8),
				given.getBytes(StandardCharsets.UTF_8));
	}

	private void revoked(CustomerId account, int count, String scope, ClientSource source) {
		Map<String, String> attributes = new HashMap<>();
		attributes.put("account_id", account.toString());
		attributes.put("scope", scope);
		attributes.put("count", Integer.toString(count));
		attributes.put("source_address", source.addressText());
		attributes.put("user_agent", source.userAgent());
		this.events.publish(IdentitySecurityEvents.SESSION_REVOKED, attributes);
	}

}
