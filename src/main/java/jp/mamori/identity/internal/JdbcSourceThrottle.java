package jp.mamori.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * {@link SourceThrottle} in PostgreSQL. A source's first failures are free; each one after them
 * blocks it for twice as long as the one before, from {@code firstDelay} up to {@code maxDelay}.
 * A network (/24, /64) gets more free failures than one address: many customers may share it.
 */
final class JdbcSourceThrottle implements SourceThrottle {

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
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				select max(blocked_until) from identity_source_throttle
				where ((scope = 'address' and subject = ?) or (scope = 'network' and subject = ?)) and blocked_until > ?""")
			.params(source.addressText(), source.network(), Timestamp.from(now))
			.query((rs, row) -> rs.getTimestamp(1))
			.optional()
			.map((until) -> Duration.between(now, until.toInstant()));
	}

	@Override
	public void recordFailure(ClientSource source) {
		this.transactions.executeWithoutResult((tx) -> {
			count(ADDRESS, source.addressText(), this.settings.addressFreeFailures());
			count(NETWORK, source.network(), this.settings.networkFreeFailures());
		});
	}

	@Override
	public int recentFailures(ClientSource source) {
		Instant forgottenBefore = this.clock.instant().minus(this.settings.forgetAfter());
		return this.jdbc.sql("""
				select failures from identity_source_throttle
				where scope = 'address' and subject = ? and last_failure_at >= ?""")
			.params(source.addressText(), Timestamp.from(forgottenBefore))
			.query(Integer.class)
			.optional()
			.orElse(0);
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
