package jp.mamori.identity.credentials;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * Password sign-ins being evaluated right now, counted in PostgreSQL before their hash and given back
 * after it, so that every node agrees and a parallel burst buys no more guesses than the same attempts
 * one after another.
 *
 * <p>Security decisions:
 * <ul>
 * <li>Counting is one atomic statement per scope ({@code insert … on conflict do update … where
 * in_flight < cap}): two attempts can never both take the last place, whatever node they reach.</li>
 * <li>Its statement is a prefix ({@link #ADMIT}) of the sign-in's one read before the hash, so counting
 * costs no round trip of its own; giving back ({@link #release}) is one statement after the answer is
 * decided.</li>
 * <li>The cap per user ID counts the typed user ID (its key's HMAC under the identity key), known account or not: an attempt
 * over the cap is answered alike for existing and unknown user IDs, and nothing typed is stored as
 * typed.</li>
 * <li>The network is the /24 (IPv4) or /48 (IPv6): an attacker with one IPv6 allocation has many /64s.</li>
 * <li>A count untouched for {@code forgetAfter} starts again, so a node that stopped mid-hash cannot
 * keep a user ID or network shut.</li>
 * </ul>
 */
public final class InFlightSignIns {

	/**
	 * Two data-modifying {@code with} entries, {@code in_flight_network} and then {@code in_flight_user},
	 * that count an attempt if its network and then its user ID are under their caps; the user ID is
	 * counted only if the network was. A statement begins with this text, ends the list with a comma or
	 * its main query, and reads the outcome with {@link #ADMITTED}; its first parameters are
	 * {@link #admitParameters}.
	 */
	public static final String ADMIT = """
			with in_flight_network as (
			  insert into identity_sign_in_in_flight as f (scope, subject, in_flight, touched_at)
			  values ('network', ?::text, 1, ?::timestamptz)
			  on conflict (scope, subject) do update
			  set in_flight = case when f.touched_at < ?::timestamptz then 1 else f.in_flight + 1 end, touched_at = excluded.touched_at
			  where f.in_flight < ?::integer or f.touched_at < ?::timestamptz
			  returning 1),
			in_flight_user as (
			  insert into identity_sign_in_in_flight as f (scope, subject, in_flight, touched_at)
			  select 'user', ?::text, 1, ?::timestamptz where exists (select 1 from in_flight_network)
			  on conflict (scope, subject) do update
			  set in_flight = case when f.touched_at < ?::timestamptz then 1 else f.in_flight + 1 end, touched_at = excluded.touched_at
			  where f.in_flight < ?::integer or f.touched_at < ?::timestamptz
			  returning 1)
			""";

	/** Two columns for the main query's select list: whether the network and the user ID were counted. */
	public static final String ADMITTED = "exists (select 1 from in_flight_network), exists (select 1 from in_flight_user)";

	private static final String RELEASE = """
			with gone as (
			  delete from identity_sign_in_in_flight
			  where in_flight <= 1 and ((scope = 'network' and subject = ?) or (scope = 'user' and subject = ?)))
			update identity_sign_in_in_flight set in_flight = in_flight - 1
			where in_flight > 1 and ((scope = 'network' and subject = ?) or (scope = 'user' and subject = ?))""";

	/**
	 * What an attempt was counted as.
	 * @param network the attempt's network, e.g. {@code 192.0.2.0/24}
	 * @param user the user ID's subject
	 * @param networkCounted whether the network had room and counted it
	 * @param userCounted whether the user ID had room and counted it (never without the network)
	 */
	public record Admission(String network, String user, boolean networkCounted, boolean userCounted) {

		/** @return whether the attempt may be evaluated */
		public boolean admitted() {
			return this.networkCounted && this.userCounted;
		}

	}

	private final JdbcClient jdbc;

	private final IdentityProperties.InFlight settings;

	private final Clock clock;

	private final SecretDigests digests;

	InFlightSignIns(JdbcClient jdbc, IdentityProperties.InFlight settings, Clock clock, SecretDigests digests) {
		Assert.notNull(digests, "digests cannot be null");
		this.digests = digests;
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(settings, "settings cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
	}

	/** The values of {@link #ADMIT}'s parameters, in order. */
	public Object[] admitParameters(String userIdKey, ClientSource source) {
		Instant now = this.clock.instant();
		Timestamp at = Timestamp.from(now);
		Timestamp stale = Timestamp.from(now.minus(this.settings.forgetAfter()));
		return new Object[] { network(source), at, stale, this.settings.perNetwork(), stale, subject(userIdKey), at,
				stale, this.settings.perAccount(), stale };
	}

	/** @return what {@link #ADMITTED} read, for the attempt that {@link #admitParameters} described */
	public Admission admission(String userIdKey, ClientSource source, boolean networkCounted, boolean userCounted) {
		return new Admission(network(source), subject(userIdKey), networkCounted, userCounted);
	}

	/** Give back what the attempt counted: after its failure was recorded, or after it succeeded. */
	public void release(Admission admission) {
		if (!admission.networkCounted()) {
			return;
		}
		String user = admission.userCounted() ? admission.user() : null;
		this.jdbc.sql(RELEASE).params(admission.network(), user, admission.network(), user).update();
	}

	/**
	 * @return the user ID's subject: an HMAC of its key under the identity key, in hex, so that a reader of
	 * the database cannot confirm a guessed user ID or e-mail address from it
	 */
	String subject(String userIdKey) {
		return HexFormat.of()
			.formatHex(this.digests.currentMac("sign-in.in-flight", userIdKey.getBytes(StandardCharsets.UTF_8)));
	}

	/** @return the source's /24 (IPv4) or /48 (IPv6) */
	static String network(ClientSource source) {
		InetAddress address = source.address();
		boolean v4 = address instanceof Inet4Address;
		byte[] bytes = Arrays.copyOf(address.getAddress(), address.getAddress().length);
		Arrays.fill(bytes, v4 ? 3 : 6, bytes.length, (byte) 0);
		try {
			return InetAddress.getByAddress(bytes).getHostAddress() + (v4 ? "/24" : "/48");
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
