package jp.mamori.identity.credentials;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jp.mamori.identity.CustomerId;
import jp.mamori.platform.SecurityEvents;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * {@link AccountLockout} in PostgreSQL, so that every node counts the same failures. Each change reads
 * the account's row {@code for update} in a short transaction (never around a hash computation), so
 * concurrent failures from many nodes are counted one by one.
 *
 * <p>The same rules lock staff accounts: {@link Accounts#STAFF} keeps their counts in a table of its
 * own and publishes {@code auth.staff.lockout.*} naming {@code staff_id}, so a staff ID is never taken
 * for a customer's.
 */
public final class JdbcAccountLockout implements AccountLockout {

	/**
	 * Whose failures are counted: the table (rows keyed by the account's UUID), the events' names and
	 * the event attribute that names the account.
	 */
	public enum Accounts {

		CUSTOMERS("identity_account_lockout", "auth.lockout.", "account_id"),
		STAFF("identity_staff_lockout", "auth.staff.lockout.", "staff_id");

		private final String table;

		private final String events;

		private final String attribute;

		Accounts(String table, String events, String attribute) {
			this.table = table;
			this.events = events;
			this.attribute = attribute;
		}

	}

	private record State(int failures, Instant lastFailureAt, int level, Instant lockedUntil) {
	}

	/**
	 * Whether a customer's lockout row holds anything that {@link #recordSuccess} must look at under its
	 * row lock (failures, a doubling or a lock), as an SQL condition, for a statement that reads it along
	 * with other things.
	 * @param row the alias of an {@code identity_account_lockout} row, possibly outer-joined: no row
	 * holds nothing
	 */
	public static String pendingIn(String row) {
		return "coalesce(%1$s.failures > 0 or %1$s.level > 0 or %1$s.locked_until is not null, false)".formatted(row);
	}

	private final JdbcClient jdbc;

	private final TransactionOperations transactions;

	private final IdentityProperties.Lockout settings;

	private final SecurityEvents events;

	private final Clock clock;

	private final Accounts accounts;

	private final LockoutListener listener;

	public JdbcAccountLockout(JdbcClient jdbc, TransactionOperations transactions, IdentityProperties.Lockout settings,
			SecurityEvents events, Clock clock) {
		this(jdbc, transactions, settings, events, clock, Accounts.CUSTOMERS);
	}

	public JdbcAccountLockout(JdbcClient jdbc, TransactionOperations transactions, IdentityProperties.Lockout settings,
			SecurityEvents events, Clock clock, Accounts accounts) {
		this(jdbc, transactions, settings, events, clock, accounts, LockoutListener.NONE);
	}

	/** Customers' lockouts, with a listener told of each start, e.g. to mail the owner an unlock link. */
	public JdbcAccountLockout(JdbcClient jdbc, TransactionOperations transactions, IdentityProperties.Lockout settings,
			SecurityEvents events, Clock clock, LockoutListener listener) {
		this(jdbc, transactions, settings, events, clock, Accounts.CUSTOMERS, listener);
	}

	/** @param listener told of each lockout start in its transaction */
	public JdbcAccountLockout(JdbcClient jdbc, TransactionOperations transactions, IdentityProperties.Lockout settings,
			SecurityEvents events, Clock clock, Accounts accounts, LockoutListener listener) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(settings, "settings cannot be null");
		Assert.notNull(events, "events cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
		Assert.notNull(accounts, "accounts cannot be null");
		this.accounts = accounts;
		Assert.notNull(listener, "listener cannot be null");
		this.listener = listener;
	}

	@Override
	public Optional<Instant> lockedUntil(CustomerId account) {
		return lockedUntil(account.value());
	}

	@Override
	public void recordFailure(CustomerId account, ClientSource source) {
		recordFailure(account.value(), source);
	}

	@Override
	public boolean recordSuccess(CustomerId account) {
		return recordSuccess(account.value());
	}

	@Override
	public void end(CustomerId account, String reason, ClientSource source) {
		end(account.value(), reason, source);
	}

	/** {@link #lockedUntil(CustomerId)} for an account of either kind, by its UUID. */
	public Optional<Instant> lockedUntil(UUID account) {
		return this.transactions.execute((tx) -> {
			Instant now = this.clock.instant();
			State state = lock(account).orElse(null);
			if (state == null || state.lockedUntil() == null) {
				return Optional.<Instant>empty();
			}
			if (state.lockedUntil().isAfter(now)) {
				return Optional.of(state.lockedUntil());
			}
			endLock(account, "expired", null);
			return Optional.<Instant>empty();
		});
	}

	/** {@link #recordFailure(CustomerId, ClientSource)} for an account of either kind, by its UUID. */
	public void recordFailure(UUID account, ClientSource source) {
		this.transactions.executeWithoutResult((tx) -> {
			Instant now = this.clock.instant();
			this.jdbc.sql("""
					insert into %s (account_id, failures, last_failure_at, level)
					values (?, 0, ?, 0) on conflict (account_id) do nothing""".formatted(this.accounts.table))
				.params(account, Timestamp.from(now))
				.update();
			State state = lock(account).orElseThrow();
			if (state.lockedUntil() != null && state.lockedUntil().isAfter(now)) {
				// Failures while locked do not lengthen the lock: only its own schedule ends it.
				return;
			}
			// A quiet day forgets the doubling, so an old attack does not make today's lock longer.
			boolean quiet = state.lastFailureAt().plus(this.settings.maxDuration()).isBefore(now);
			int failures = (quiet ? 0 : state.failures()) + 1;
			int level = quiet ? 0 : state.level();
			Instant lockedUntil = null;
			if (failures >= this.settings.threshold()) {
				Duration duration = duration(level);
				lockedUntil = now.plus(duration);
				failures = 0;
				level++;
				this.events.publish(this.accounts.events + "started",
						Map.of(this.accounts.attribute, account.toString(), "locked_until", lockedUntil.toString(),
								"duration_seconds", Long.toString(duration.toSeconds()), "level",
								Integer.toString(level), "source_address", source.addressText(), "user_agent",
								source.userAgent()));
				this.listener.started(new CustomerId(account), lockedUntil, source);
			}
			this.jdbc.sql("""
					update %s set failures = ?, last_failure_at = ?, level = ?, locked_until = ?
					where account_id = ?""".formatted(this.accounts.table))
				.params(failures, Timestamp.from(now), level, (lockedUntil != null) ? Timestamp.from(lockedUntil) : null,
						account)
				.update();
		});
	}

	/** {@link #recordSuccess(CustomerId)} for an account of either kind, by its UUID. */
	public boolean recordSuccess(UUID account) {
		return Boolean.TRUE.equals(this.transactions.execute((tx) -> {
			State state = lock(account).orElse(null);
			if (state == null) {
				return true;
			}
			if (state.lockedUntil() != null && state.lockedUntil().isAfter(this.clock.instant())) {
				return false;
			}
			if (state.failures() > 0 || state.level() > 0) {
				this.jdbc.sql("update " + this.accounts.table + " set failures = 0, level = 0 where account_id = ?")
					.param(account)
					.update();
			}
			return true;
		}));
	}

	/** {@link #end(CustomerId, String)} for an account of either kind, by its UUID. */
	void end(UUID account, String reason) {
		end(account, reason, null);
	}

	/** {@link #end(CustomerId, String, ClientSource)} for an account of either kind, by its UUID. */
	void end(UUID account, String reason, ClientSource source) {
		Assert.hasText(reason, "reason cannot be empty");
		this.transactions.executeWithoutResult((tx) -> {
			State state = lock(account).orElse(null);
			if (state != null && state.lockedUntil() != null) {
				endLock(account, reason, source);
			}
			this.jdbc.sql("update " + this.accounts.table + " set failures = 0 where account_id = ?")
				.param(account)
				.update();
		});
	}

	/** The lockout for {@code level} previous ones in a row: doubling from the first, never beyond the cap. */
	Duration duration(int level) {
		Duration duration = this.settings.firstDuration();
		for (int i = 0; i < level && duration.compareTo(this.settings.maxDuration()) < 0; i++) {
			duration = duration.multipliedBy(2);
		}
		return (duration.compareTo(this.settings.maxDuration()) > 0) ? this.settings.maxDuration() : duration;
	}

	/** @param source who ended it, or {@code null} when time did */
	private void endLock(UUID account, String reason, ClientSource source) {
		this.jdbc.sql("update " + this.accounts.table + " set locked_until = null where account_id = ?")
			.param(account)
			.update();
		Map<String, String> attributes = new HashMap<>();
		attributes.put(this.accounts.attribute, account.toString());
		attributes.put("reason", reason);
		if (source != null) {
			attributes.put("source_address", source.addressText());
			attributes.put("user_agent", source.userAgent());
		}
		this.events.publish(this.accounts.events + "ended", attributes);
	}

	private Optional<State> lock(UUID account) {
		return this.jdbc.sql("""
				select failures, last_failure_at, level, locked_until from %s
				where account_id = ? for update""".formatted(this.accounts.table))
			.param(account)
			.query((rs, row) -> new State(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getInt(3),
					(rs.getTimestamp(4) != null) ? rs.getTimestamp(4).toInstant() : null))
			.optional();
	}

}
