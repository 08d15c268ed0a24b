package jp.mamori.identity.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jp.mamori.identity.IdentitySecurityEvents;
import jp.mamori.audit.Actor;
import jp.mamori.audit.OperationLog;
import jp.mamori.identity.CustomerId;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.identity.CustomerSupport.ForcedResets;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * Breach response: chosen customers, or all, must set a new password at their next sign-in, and their
 * sessions end now. Reached by operators through {@code ./mamori force-password-reset}
 * ({@link ForcedPasswordResetEndpoint} or {@link ForcedPasswordResetCommand}), and by staff holding
 * the {@code customers.force-reset} permission through {@link jp.mamori.identity.CustomerSupport}.
 *
 * <p>Security decisions: the operation log gets one entry (who, which scope, how many) in the same
 * transaction as the flags, and every account an {@code auth.password.reset_forced} event. While the flag
 * is set a right password opens no session (see {@code PasswordSignIn}); a wrong one still gets the
 * uniform refusal, so the flag tells an attacker nothing. E-mail-code sign-in keeps working, so nobody is
 * locked out; the flag stays until a new password is set.
 */
public final class ForcedPasswordResets {

	public static final String ACTION = "identity.password_reset.forced";

	private static final Pattern OPERATOR = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private final JdbcClient jdbc;

	private final OperationLog log;

	private final SecurityEvents events;

	private final AccountSessions sessions;

	private final TransactionOperations transactions;

	private final Clock clock;

	ForcedPasswordResets(JdbcClient jdbc, OperationLog log, SecurityEvents events, AccountSessions sessions,
			TransactionOperations transactions, Clock clock) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(log, "log cannot be null");
		Assert.notNull(events, "events cannot be null");
		Assert.notNull(sessions, "sessions cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jdbc = jdbc;
		this.log = log;
		this.events = events;
		this.sessions = sessions;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * @param customers the accounts, or {@code null} for every account
	 * @param operator the operator's login name on the host, for the operation log
	 */
	ForcedResets force(Set<CustomerId> customers, String operator) {
		String who = (operator != null && OPERATOR.matcher(operator).matches()) ? operator : "unknown";
		return force(customers, Actor.system("force-password-reset"), Map.of("operator", who));
	}

	/**
	 * Security decision: the operation log names the member of staff as the actor, so a forced reset
	 * from the staff API is never mistaken for an operator's on the host.
	 * @param customers the accounts, or {@code null} for every account
	 * @param staff the signed-in member of staff who asked for it
	 */
	ForcedResets force(Set<CustomerId> customers, Actor staff) {
		Assert.isTrue(staff != null && staff.kind() == Actor.Kind.STAFF, "staff must be a member of staff");
		return force(customers, staff, Map.of("staff_id", staff.id()));
	}

	private ForcedResets force(Set<CustomerId> customers, Actor actor, Map<String, Object> by) {
		String scope = (customers == null) ? "all" : "customers";
		Timestamp now = Timestamp.from(this.clock.instant());
		List<CustomerId> forced = this.transactions.execute((tx) -> {
			List<CustomerId> ids = new ArrayList<>();
			if (customers == null) {
				this.jdbc.sql("update identity_customer_account set password_reset_required_at = ? returning id")
					.param(now)
					.query(UUID.class)
					.list()
					.forEach((id) -> ids.add(new CustomerId(id)));
			}
			else {
				for (CustomerId customer : customers) {
					// Unknown identifiers (closed accounts, typos) change nothing and are not counted.
					this.jdbc.sql("update identity_customer_account set password_reset_required_at = ? where id = ? "
							+ "returning id")
						.params(now, customer.value())
						.query(UUID.class)
						.optional()
						.ifPresent((id) -> ids.add(new CustomerId(id)));
				}
			}
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("scope", scope);
			details.put("requested", (customers == null) ? ids.size() : customers.size());
			details.put("accounts", ids.size());
			details.putAll(by);
			this.log.record(actor, ACTION, null, "breach-response", details);
			ids.forEach((id) -> this.events.publish(IdentitySecurityEvents.PASSWORD_RESET_FORCED,
					Map.of("account_id", id.toString(), "scope", scope)));
			return ids;
		});
		int ended = 0;
		for (CustomerId id : forced) {
			ended += this.sessions.endAll(id);
		}
		return new ForcedResets(scope, (customers == null) ? forced.size() : customers.size(), forced.size(), ended);
	}

	/**
	 * @param list comma-separated UUIDs
	 * @throws IllegalArgumentException if one is not a UUID or there are none
	 */
	static Set<CustomerId> parse(String list) {
		Assert.hasText(list, "name at least one customer");
		Set<CustomerId> customers = new java.util.LinkedHashSet<>();
		for (String part : list.split(",")) {
			if (!part.isBlank()) {
				customers.add(new CustomerId(UUID.fromString(part.strip())));
			}
		}
		Assert.isTrue(!customers.isEmpty(), "name at least one customer");
		return customers;
	}

}
