package jp.mamori.identity.account;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jp.mamori.identity.IdentitySecurityEvents;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.OneTimeCodes;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.vault.BlindIndex;
import jp.mamori.vault.EmailAddress;
import jp.mamori.vault.Reader;
import jp.mamori.vault.SealContext;
import jp.mamori.vault.Sealed;
import jp.mamori.vault.Vault;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * A signed-in customer moves their account to another e-mail address, proven by a code mailed there.
 *
 * <p>Security decisions:
 * <ul>
 * <li>The answer is the same whether the new address is free or belongs to another account; the owner
 * of a taken address gets a notice instead of a code, so no code exists that could confirm it.</li>
 * <li>The new address is sealed before it is stored; the code is stored as a salted hash, valid for
 * {@link #VALIDITY}, with {@link #MAX_ATTEMPTS} tries; at most {@link #MAILS_PER_WINDOW} codes per
 * account per {@link #WINDOW}, so a session cannot flood a stranger's mailbox.</li>
 * <li>On confirmation the sealed address and its blind index are switched in one transaction, and the
 * old address is told (with the new one masked), so that a takeover does not go unnoticed.</li>
 * </ul>
 */
public final class EmailChanges {

	static final Duration VALIDITY = Duration.ofMinutes(30);

	static final int MAX_ATTEMPTS = 5;

	static final int MAILS_PER_WINDOW = 5;

	static final Duration WINDOW = Duration.ofHours(1);

	/** Where a pending new address is sealed: the customer's subject, a field of its own, the account's row. */
	static final String PENDING = "customer.email.pending";

	private static final SecureRandom random = new SecureRandom();

	public enum Outcome {

		CHANGED, WRONG_CODE, INVALID

	}

	public record Confirmation(Outcome outcome, int attemptsLeft) {
	}

	private final JdbcClient jdbc;

	private final Vault vault;

	private final BlindIndex index;

	private final CustomerEmails emails;

	private final AccountMails mails;

	private final SecurityEvents events;

	private final TransactionOperations transactions;

	private final OutstandingTokens outstanding;

	private final Clock clock;

	private final OneTimeCodes codes;

	EmailChanges(JdbcClient jdbc, Vault vault, BlindIndex index, CustomerEmails emails, AccountMails mails,
			SecurityEvents events, TransactionOperations transactions, Clock clock, OneTimeCodes codes,
			OutstandingTokens outstanding) {
		Assert.notNull(codes, "codes cannot be null");
		this.codes = codes;
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(vault, "vault cannot be null");
		Assert.notNull(index, "index cannot be null");
		Assert.notNull(emails, "emails cannot be null");
		Assert.notNull(mails, "mails cannot be null");
		Assert.notNull(events, "events cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jdbc = jdbc;
		this.vault = vault;
		this.index = index;
		this.emails = emails;
		this.mails = mails;
		this.events = events;
		this.transactions = transactions;
		Assert.notNull(outstanding, "outstanding cannot be null");
		this.outstanding = outstanding;
		this.clock = clock;
	}

	/**
	 * Start a change: mail a code to the new address, or a notice to its owner if it is taken.
	 * @return {@code false} when the account asked for too many codes lately; nothing was mailed
	 * @throws IllegalArgumentException if {@code newEmail} is not an e-mail address
	 */
	public boolean start(CustomerId account, String newEmail, Locale locale) {
		EmailAddress email = EmailAddress.of(newEmail);
		this.mails.checkDeliverable(email);
		boolean taken = !this.index.lookup(BlindIndex.Kind.EMAIL, email.value()).isEmpty();
		String code = String.format("%06d", random.nextInt(1_000_000));
		byte[] salt = new byte[16];
		random.nextBytes(salt);
		boolean accepted = Boolean.TRUE.equals(this.transactions.execute((tx) -> store(account, email, salt, code)));
		if (!accepted) {
			return false;
		}
		this.events.publish(IdentitySecurityEvents.EMAIL_CHANGE_REQUESTED, Map.of("account_id", account.toString()));
		if (taken) {
			this.mails.emailChangeTaken(email, locale);
		}
		else {
			this.mails.emailChangeCode(email, code, locale);
		}
		return true;
	}

	/** Confirm the change with the code mailed to the new address. */
	public Confirmation confirm(CustomerId account, String code, Locale locale) {
		String typed = (code != null) ? Normalizer.normalize(code, Normalizer.Form.NFKC).strip() : "";
		record Changed(Confirmation confirmation, EmailAddress old, EmailAddress replacement) {
		}
		Changed changed = this.transactions.execute((tx) -> {
			Instant now = this.clock.instant();
			var found = lock(account);
			if (found.isEmpty()) {
				return new Changed(new Confirmation(Outcome.INVALID, 0), null, null);
			}
			Pending pending = found.get();
			if (!pending.expiresAt().isAfter(now) || pending.attempts() >= MAX_ATTEMPTS) {
				discard(account);
				return new Changed(new Confirmation(Outcome.INVALID, 0), null, null);
			}
			if (!this.codes.matches(pending.codeHash(), pending.salt(), account, typed)) {
				int left = MAX_ATTEMPTS - pending.attempts() - 1;
				if (left <= 0) {
					discard(account);
				}
				else {
					this.jdbc.sql("update identity_email_change set attempts = attempts + 1 where account_id = ?")
						.param(account.value())
						.update();
				}
				return new Changed(new Confirmation(Outcome.WRONG_CODE, Math.max(0, left)), null, null);
			}
			UUID id = account.value();
			EmailAddress replacement = EmailAddress.of(this.vault.open(pending.email(), pendingContext(id),
					Reader.self(CustomerFields.subject(id)), "identity.email-change"));
			discard(account);
			if (!this.index.lookup(BlindIndex.Kind.EMAIL, replacement.value()).isEmpty()) {
				// Taken since the code was mailed.
				return new Changed(new Confirmation(Outcome.INVALID, 0), null, null);
			}
			Optional<EmailAddress> old = this.emails.confirmed(account, "identity.email-change");
			Sealed sealed = this.vault.seal(CustomerFields.context(id, CustomerFields.EMAIL), replacement.value());
			this.jdbc.sql("""
					update identity_customer_account set email_sealed = ?, email_key_ref = ?, email_confirmed_at = ?
					where id = ?""")
				.params(sealed.ciphertext(), sealed.keyReference(), utc(now), id)
				.update();
			old.ifPresent((address) -> this.index.remove(CustomerFields.subject(id), BlindIndex.Kind.EMAIL,
					address.value()));
			this.index.index(CustomerFields.subject(id), BlindIndex.Kind.EMAIL, replacement.value());
			this.outstanding.revoke(account, "email");
			this.events.publish(IdentitySecurityEvents.EMAIL_CHANGED, Map.of("account_id", account.toString()));
			return new Changed(new Confirmation(Outcome.CHANGED, 0), old.orElse(null), replacement);
		});
		if (changed.old() != null) {
			this.mails.emailChanged(changed.old(), changed.replacement(), locale);
		}
		return changed.confirmation();
	}

	private boolean store(CustomerId account, EmailAddress email, byte[] salt, String code) {
		Instant now = this.clock.instant();
		UUID id = account.value();
		var current = lock(account);
		boolean newWindow = current.isEmpty() || !now.isBefore(current.get().windowStartedAt().plus(WINDOW));
		int sent = newWindow ? 0 : current.get().mails();
		if (sent >= MAILS_PER_WINDOW) {
			return false;
		}
		Instant windowStart = newWindow ? now : current.get().windowStartedAt();
		Sealed sealed = this.vault.seal(pendingContext(id), email.value());
		this.jdbc.sql("""
				insert into identity_email_change (account_id, new_email_sealed, new_email_key_ref, code_salt, code_hash,
				  attempts, expires_at, mails, window_started_at)
				values (?, ?, ?, ?, ?, 0, ?, ?, ?)
				on conflict (account_id) do update set new_email_sealed = excluded.new_email_sealed,
				  new_email_key_ref = excluded.new_email_key_ref, code_salt = excluded.code_salt,
				  code_hash = excluded.code_hash, attempts = 0, expires_at = excluded.expires_at,
				  mails = excluded.mails, window_started_at = excluded.window_started_at""")
			.params(id, sealed.ciphertext(), sealed.keyReference(), salt, this.codes.hash(salt, account, code),
					utc(now.plus(VALIDITY)), sent + 1, utc(windowStart))
			.update();
		return true;
	}

	/** A used or failed change forgets the address and its code but keeps its row, so the mail count still holds. */
	private void discard(CustomerId account) {
		this.jdbc.sql("""
				update identity_email_change set new_email_sealed = null, new_email_key_ref = null, attempts = ?,
				  expires_at = ?
				where account_id = ?""")
			.params(MAX_ATTEMPTS, utc(Instant.EPOCH), account.value())
			.update();
	}

	private record Pending(Sealed email, byte[] salt, byte[] codeHash, int attempts, Instant expiresAt, int mails,
			Instant windowStartedAt) {
	}

	private Optional<Pending> lock(CustomerId account) {
		return this.jdbc.sql("""
				select new_email_sealed, new_email_key_ref, code_salt, code_hash, attempts, expires_at, mails,
				  window_started_at
				from identity_email_change where account_id = ? for update""")
			.param(account.value())
			.query((rs, row) -> new Pending((rs.getBytes(1) != null) ? Sealed.of(rs.getBytes(1), rs.getString(2)) : null,
					rs.getBytes(3), rs.getBytes(4),
					rs.getInt(5), rs.getObject(6, OffsetDateTime.class).toInstant(), rs.getInt(7),
					rs.getObject(8, OffsetDateTime.class).toInstant()))
			.optional();
	}

	private static SealContext pendingContext(UUID accountId) {
		return SealContext.of(CustomerFields.subject(accountId), PENDING, accountId.toString());
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
