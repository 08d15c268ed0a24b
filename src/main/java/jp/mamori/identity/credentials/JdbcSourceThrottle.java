package jp.mamori.identity.credentials;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * {@link SourceThrottle} in PostgreSQL. A source's first failures are free; each one after them
 * blocks it for twice as long as the one before, from {@code firstDelay} up to {@code maxDelay}.
 * A network (/24, /64) gets more free failures than one address: many customers may share it.
 *
 * <p>A source's standing (its recent failures and how long it is blocked) is read in one statement and
 * kept for the rest of the HTTP request: the bot check before a sign-in and the sign-in's own
 * throttle read it once between them. A password sign-in reads it in the same statement as the
 * account ({@link #STANDING}). Counting a failure forgets it, so nothing in a
 * request reads a standing older than its own last failure.
 */
public final class JdbcSourceThrottle implements SourceThrottle {

	/**
	 * Two columns that read a source's standing, for the select list of any statement: the address's
	 * recent failures and until when the address or its network is blocked. Their parameters are
	 * {@link #standingParameters}; {@link SourceThrottle.Standing#read} reads them.
	 */
	public static final String STANDING = """
			(select failures from identity_source_throttle
			 where scope = 'address' and subject = ? and last_failure_at >= ?),
			(select max(blocked_until) from identity_source_throttle
			 where ((scope = 'address' and subject = ?) or (scope = 'network' and subject = ?))
			 and blocked_until > ?)""";

	private static final String ADDRESS = "address";

	private static final String NETWORK = "network";

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final IdentityProperties.Throttle settings;

	private final Clock clock;

	JdbcSourceThrottle(JdbcClient jdbc, TransactionOperations transactions, IdentityProperties.Throttle settings,
			Clock clock) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(settings, "settings cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public Optional<Duration> retryAfter(ClientSource source) {
		return retryAfter(standing(source));
	}

	@Override
	public Optional<Duration> retryAfter(Standing standing) {
		Instant now = this.clock.instant();
		Instant blockedUntil = standing.blockedUntil();
		return (blockedUntil != null && blockedUntil.isAfter(now)) ? Optional.of(Duration.between(now, blockedUntil))
				: Optional.empty();
	}

	@Override
	public void recordFailure(ClientSource source) {
		forget(source);
		this.transactions.executeWithoutResult((tx) -> {
			count(ADDRESS, source.addressText(), this.settings.addressFreeFailures());
			count(NETWORK, source.network(), this.settings.networkFreeFailures());
		});
	}

	@Override
	public int recentFailures(ClientSource source) {
		return standing(source).recentFailures();
	}

	private Standing standing(ClientSource source) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		String key = key(source);
		if (request != null && request.getAttribute(key, RequestAttributes.SCOPE_REQUEST) instanceof Standing known) {
			return known;
		}
		Standing standing = this.jdbc.sql("select " + STANDING)
			.params(standingParameters(source))
			.query((rs, row) -> Standing.read(rs, 1))
			.single();
		remember(source, standing);
		return standing;
	}

	@Override
	public Object[] standingParameters(ClientSource source) {
		Instant now = this.clock.instant();
		return new Object[] { source.addressText(), Timestamp.from(now.minus(this.settings.forgetAfter())),
				source.addressText(), source.network(), Timestamp.from(now) };
	}

	private static void remember(ClientSource source, Standing standing) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			request.setAttribute(key(source), standing, RequestAttributes.SCOPE_REQUEST);
		}
	}

	private static void forget(ClientSource source) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) {
			request.removeAttribute(key(source), RequestAttributes.SCOPE_REQUEST);
		}
	}

	private static String key(ClientSource source) {
		return Standing.class.getName() + "|" + source.addressText();
	}

	private void count(String scope, String subject, int free) {
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into identity_source_throttle (scope, subject, failures, last_failure_at)
				values (?, ?, 0, ?) on conflict (scope, subject) do nothing""")
			.params(scope, subject, Timestamp.from(now))
			.update();
		Object[] state = this.jdbc.sql("""
				select failures, last_failure_at from identity_source_throttle
				where scope = ? and subject = ? for update""")
			.params(scope, subject)
			.query((rs, row) -> new Object[] { rs.getInt(1), rs.getTimestamp(2).toInstant() })
			.single();
		boolean forgotten = ((Instant) state[1]).plus(this.settings.forgetAfter()).isBefore(now);
		int failures = (forgotten ? 0 : (int) state[0]) + 1;
		Instant blockedUntil = (failures > free) ? now.plus(delay(failures - free)) : null;
		this.jdbc.sql("""
				update identity_source_throttle set failures = ?, last_failure_at = ?, blocked_until = ?
				where scope = ? and subject = ?""")
			.params(failures, Timestamp.from(now), (blockedUntil != null) ? Timestamp.from(blockedUntil) : null, scope,
					subject)
			.update();
	}

	/** The delay after the {@code n}th failure beyond the free ones: 1 s, 2 s, 4 s, … up to the cap. */
	Duration delay(int n) {
		Duration delay = this.settings.firstDelay();
		for (int i = 1; i < n && delay.compareTo(this.settings.maxDelay()) < 0; i++) {
			delay = delay.multipliedBy(2);
		}
		return (delay.compareTo(this.settings.maxDelay()) > 0) ? this.settings.maxDelay() : delay;
	}

}
