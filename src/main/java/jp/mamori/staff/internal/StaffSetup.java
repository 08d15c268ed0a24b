package jp.mamori.staff.internal;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jp.mamori.staff.StaffSecurityEvents;
import jp.mamori.identity.PasswordRefusedException;
import jp.mamori.identity.credentials.Base32;
import jp.mamori.identity.credentials.PasswordHasher;
import jp.mamori.identity.credentials.PasswordPolicy;
import jp.mamori.identity.credentials.UserIds;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.staff.StaffId;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * One-time setup tokens: the only way a staff account gets its first password. There is no
 * self-registration: the first administrator is made with the token Mamori prints at its first start,
 * every later member with a token an administrator is shown once when creating the account.
 *
 * <p>Security decisions:
 * <ul>
 * <li>Only the SHA-256 of a token is stored; the token itself (32 random bytes) is shown once. The
 * first one goes to standard error, never to the structured log, which may be shipped elsewhere.</li>
 * <li>A token expires after {@link #VALIDITY} and dies when used.</li>
 * <li>Wrong tokens count against the source address like failed sign-ins, so tokens cannot be
 * guessed at speed (they could not be guessed anyway: 256 bits).</li>
 * </ul>
 */
public final class StaffSetup {

	static final Duration VALIDITY = Duration.ofHours(24);

	/** How a setup ended. */
	public enum Outcome {

		DONE, TOKEN_INVALID, USER_ID_MISMATCH

	}

	/** @param staff the account that was set up, when {@link Outcome#DONE} */
	public record Result(Outcome outcome, StaffId staff) {
	}

	private static final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final StaffAccounts accounts;

	private final PasswordHasher hasher;

	private final PasswordPolicy policy;

	private final TransactionOperations transactions;

	private final SecurityEvents events;

	private final Clock clock;

	private final Supplier<PrintStream> console;

	StaffSetup(JdbcClient jdbc, StaffAccounts accounts, PasswordHasher hasher, PasswordPolicy policy,
			TransactionOperations transactions, SecurityEvents events, Clock clock, Supplier<PrintStream> console) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(accounts, "accounts cannot be null");
		Assert.notNull(hasher, "hasher cannot be null");
		Assert.notNull(policy, "policy cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(events, "events cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		Assert.notNull(console, "console cannot be null");
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.hasher = hasher;
		this.policy = policy;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
		this.console = console;
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStart() {
		offerFirstToken();
	}

	/**
	 * While no staff account exists and no unused setup token is waiting, make one and print it to
	 * standard error in a banner.
	 * @return the token, if one was made
	 */
	Optional<String> offerFirstToken() {
		Instant now = this.clock.instant();
		Optional<String> token = this.transactions.execute((status) -> {
			// Nodes starting together make one token between them.
			this.jdbc.sql("select pg_advisory_xact_lock(hashtext('identity_staff_setup_token'))").query().singleValue();
			boolean waiting = this.jdbc
				.sql("select exists (select 1 from identity_staff_setup_token where used_at is null and expires_at > ?)")
				.param(Timestamp.from(now))
				.query(Boolean.class)
				.single();
			if (this.accounts.any() || waiting) {
				return Optional.<String>empty();
			}
			return Optional.of(issue(null, now));
		});
		token.ifPresent((value) -> {
			this.events.publish(StaffSecurityEvents.SETUP_TOKEN_ISSUED, Map.of("for", "first_administrator"));
			PrintStream console = this.console.get();
			console.println(banner(value, now.plus(VALIDITY)));
			console.flush();
		});
		return token;
	}

	/** @return a setup token for a member just created, to be shown once to the administrator */
	String issueFor(StaffId staff) {
		return issue(staff, this.clock.instant());
	}

	/**
	 * Redeem a token: create the first administrator, or set the password of the member it was made
	 * for. All or nothing: a refused password leaves the token usable.
	 * @throws PasswordRefusedException if the password does not meet the policy
	 * @throws jp.mamori.identity.InvalidUserIdException if the first administrator's user ID is not valid
	 */
	public Result redeem(String token, String userId, String password) {
		Instant now = this.clock.instant();
		return this.transactions.execute((status) -> {
			var found = this.jdbc.sql("""
					select staff_id from identity_staff_setup_token
					where token_hash = ? and used_at is null and expires_at > ? for update""")
				.params(hash(token), Timestamp.from(now))
				.query((rs, row) -> Optional.ofNullable(rs.getObject(1, UUID.class)).map(StaffId::new))
				.optional();
			if (found.isEmpty() || found.get().isEmpty() && this.accounts.any()) {
				return new Result(Outcome.TOKEN_INVALID, null);
			}
			StaffId staff;
			String accountUserId;
			if (found.get().isPresent()) {
				staff = found.get().get();
				accountUserId = this.accounts.userId(staff).orElseThrow();
				if (!UserIds.key(accountUserId).equals(UserIds.key(userId))) {
					return new Result(Outcome.USER_ID_MISMATCH, null);
				}
			}
			else {
				staff = StaffId.random();
				accountUserId = UserIds.validate(userId);
				this.accounts.create(staff, accountUserId, Set.of(StaffAccounts.ADMINISTRATOR), now);
			}
			this.policy.check(password, PasswordPolicy.Context.of(accountUserId)).ifPresent((refusal) -> {
				throw refusal;
			});
			this.accounts.setPassword(staff, this.hasher.hash(password));
			this.jdbc.sql("update identity_staff_setup_token set used_at = ? where token_hash = ?")
				.params(Timestamp.from(now), hash(token))
				.update();
			return new Result(Outcome.DONE, staff);
		});
	}

	private String issue(StaffId staff, Instant now) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String token = Base32.encode(bytes);
		this.jdbc.sql("""
				insert into identity_staff_setup_token (token_hash, staff_id, created_at, expires_at)
				values (?, ?, ?, ?)""")
			.params(hash(token), (staff != null) ? staff.value() : null, Timestamp.from(now),
					Timestamp.from(now.plus(VALIDITY)))
			.update();
		return token;
	}

	static String banner(String token, Instant expiresAt) {
		String line = "=".repeat(78);
		return String.join(System.lineSeparator(), "", line,
				"  MAMORI STAFF SETUP: no staff account exists yet.",
				"  Create the first administrator within 24 hours (until " + expiresAt + ") with",
				"  POST /api/v1/staff/setup {\"token\", \"userId\", \"password\"} and this one-time token:", "",
				"      " + token, "",
				"  It works once and is not shown again. A new one is printed at the next start",
				"  while no staff account exists and this one has expired. See docs/deployment.md.", line, "");
	}

	static byte[] hash(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.strip().getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JVM has SHA-256", ex);
		}
	}

}
