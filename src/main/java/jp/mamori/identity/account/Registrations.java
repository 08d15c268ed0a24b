package jp.mamori.identity.account;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jp.mamori.identity.IdentitySecurityEvents;
import jp.mamori.identity.PasswordRefusedException;
import jp.mamori.identity.credentials.PasswordHasher;
import jp.mamori.identity.credentials.PasswordPolicy;
import jp.mamori.identity.credentials.UserIds;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.vault.BlindIndex;
import jp.mamori.vault.EmailAddress;
import jp.mamori.vault.PersonName;
import jp.mamori.vault.Reader;
import jp.mamori.vault.Sealed;
import jp.mamori.vault.Vault;

import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * Registration with a confirmed e-mail address. Security decisions:
 * <ul>
 * <li>The answer to a registration is the same whether the user ID or the e-mail address is taken:
 * every request hashes its password (a passwordless one has none), seals its values and stores a
 * pending registration. The owner of an address that already has an account gets a notice instead of a
 * code, so the code never exists.
 * Whether a user ID is free is told only to whoever confirms the address by its code.</li>
 * <li>Name, e-mail address and household are sealed by the vault for the account they will belong to
 * before anything is written; the code is stored only as a hash bound to the registration
 * ({@link MailedTokens}); five wrong codes end the
 * registration; registrations not confirmed in time are deleted and their keys destroyed.</li>
 * </ul>
 */
public final class Registrations {

	static final int MAX_ATTEMPTS = 5;

	static final Duration VALIDITY = Duration.ofHours(24);

	/** What a registration sends; validated here, never printed. The password is null for a passwordless account. */
	public record Request(String userId, String password, String familyName, String givenName, String familyNameKana,
			String givenNameKana, String email, HouseholdComposition household) {

		@Override
		public String toString() {
			return "Registration.Request[(withheld)]";
		}

	}

	/** How a confirmation ended. */
	public enum Outcome {

		CONFIRMED, WRONG_CODE, INVALID, USER_ID_TAKEN, EMAIL_TAKEN

	}

	public record Confirmation(Outcome outcome, UUID accountId, int attemptsLeft) {
	}

	private final RegistrationRepository registrations;

	private final MailedTokens codes;

	private final PasswordPolicy policy;

	private final PasswordHasher hasher;

	private final Vault vault;

	private final BlindIndex index;

	private final RegistrationMails mails;

	private final SecurityEvents events;

	private final TransactionOperations transactions;

	private final Clock clock;

	Registrations(RegistrationRepository registrations, MailedTokens codes, PasswordPolicy policy, PasswordHasher hasher, Vault vault,
			BlindIndex index, RegistrationMails mails, SecurityEvents events, TransactionOperations transactions,
			Clock clock) {
		Assert.notNull(registrations, "registrations cannot be null");
		Assert.notNull(codes, "codes cannot be null");
		Assert.notNull(policy, "policy cannot be null");
		Assert.notNull(hasher, "hasher cannot be null");
		Assert.notNull(vault, "vault cannot be null");
		Assert.notNull(index, "index cannot be null");
		Assert.notNull(mails, "mails cannot be null");
		Assert.notNull(events, "events cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.registrations = registrations;
		this.codes = codes;
		this.policy = policy;
		this.hasher = hasher;
		this.vault = vault;
		this.index = index;
		this.mails = mails;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Start a registration.
	 * @return the registration's identifier, which the confirmation names
	 * @throws jp.mamori.identity.InvalidUserIdException if the user ID is not acceptable
	 * @throws InvalidFieldException if the name or e-mail address is not acceptable
	 * @throws PasswordRefusedException if the password policy refuses the password
	 */
	public UUID register(Request request, Locale locale) {
		String userId = UserIds.validate(request.userId());
		// Each part alone first, so that a refusal names its field.
		field("familyName", () -> PersonName.of(request.familyName(), "仮", "カ", "カ"));
		field("givenName", () -> PersonName.of("仮", request.givenName(), "カ", "カ"));
		field("familyNameKana", () -> PersonName.of("仮", "仮", request.familyNameKana(), "カ"));
		field("givenNameKana", () -> PersonName.of("仮", "仮", "カ", request.givenNameKana()));
		PersonName name = PersonName.of(request.familyName(), request.givenName(), request.familyNameKana(),
				request.givenNameKana());
		EmailAddress email = field("email", () -> EmailAddress.of(request.email()));
		field("email", () -> {
			this.mails.checkDeliverable(email);
			return email;
		});
		List<String> personal = new ArrayList<>(List.of(email.normalised(), name.family(), name.given(),
				name.familyKana(), name.givenKana()));
		personal.add(email.normalised().substring(0, email.normalised().indexOf('@')));
		if (request.password() != null) {
			this.policy.check(request.password(), new PasswordPolicy.Context(userId, personal)).ifPresent((refusal) -> {
				throw refusal;
			});
		}
		UUID id = UUID.randomUUID();
		UUID accountId = UUID.randomUUID();
		MailedTokens.Issued code = this.codes.issueCode(id, VALIDITY);
		// A passwordless account (no password sent) has no hash at all; it signs in by e-mail code.
		String passwordHash = (request.password() != null) ? this.hasher.hash(request.password()) : null;
		this.transactions.executeWithoutResult((status) -> {
			Sealed sealedName = this.vault.seal(CustomerFields.context(accountId, CustomerFields.NAME),
					CustomerFields.encodeName(name));
			Sealed sealedEmail = this.vault.seal(CustomerFields.context(accountId, CustomerFields.EMAIL), email.value());
			Sealed sealedHousehold = (request.household() != null) ? this.vault
				.seal(CustomerFields.context(accountId, CustomerFields.HOUSEHOLD), request.household().name()) : null;
			this.registrations.insert(new RegistrationRepository.Pending(id, accountId, userId, passwordHash,
					sealedName, sealedEmail, sealedHousehold, code.digest(), 0, code.expiresAt()), code.issuedAt());
		});
		boolean known = !this.index.lookup(BlindIndex.Kind.EMAIL, email.value()).isEmpty();
		if (known) {
			this.mails.alreadyRegistered(email, locale);
		}
		else {
			this.mails.confirmationCode(email, name, code.token(), locale);
		}
		this.events.publish(IdentitySecurityEvents.REGISTRATION_STARTED, Map.of("registration_id", id.toString()));
		return id;
	}

	/**
	 * Confirm a registration with the code from the mail, creating the account.
	 * @param code as typed; full-width digits count as digits
	 * @param userId a replacement user ID when the first one turned out to be taken, or {@code null}
	 */
	public Confirmation confirm(UUID id, String typed, String userId) {
		String code = (typed != null) ? Normalizer.normalize(typed, Normalizer.Form.NFKC) : null;
		String replacement = (userId != null) ? UserIds.validate(userId) : null;
		Instant now = this.clock.instant();
		Confirmation confirmation = this.transactions.execute((status) -> {
			var found = this.registrations.lock(id);
			if (found.isEmpty()) {
				return new Confirmation(Outcome.INVALID, null, 0);
			}
			RegistrationRepository.Pending pending = found.get();
			if (pending.expiresAt().isBefore(now) || pending.attempts() >= MAX_ATTEMPTS) {
				discard(pending);
				return new Confirmation(Outcome.INVALID, null, 0);
			}
			if (!this.codes.codeMatches(pending.codeHash(), id, code)) {
				this.registrations.countFailure(id);
				int left = MAX_ATTEMPTS - pending.attempts() - 1;
				if (left <= 0) {
					discard(pending);
				}
				return new Confirmation(Outcome.WRONG_CODE, null, Math.max(0, left));
			}
			Reader self = Reader.self(CustomerFields.subject(pending.accountId()));
			String email = this.vault.open(pending.email(),
					CustomerFields.context(pending.accountId(), CustomerFields.EMAIL), self, "registration.confirm");
			if (!this.index.lookup(BlindIndex.Kind.EMAIL, email).isEmpty()) {
				discard(pending);
				return new Confirmation(Outcome.EMAIL_TAKEN, null, 0);
			}
			String chosen = (replacement != null) ? replacement : pending.userId();
			if (!this.registrations.createAccount(pending, chosen, UserIds.key(chosen), now)) {
				return new Confirmation(Outcome.USER_ID_TAKEN, null, MAX_ATTEMPTS - pending.attempts());
			}
			this.index.index(CustomerFields.subject(pending.accountId()), BlindIndex.Kind.EMAIL, email);
			this.registrations.delete(id);
			return new Confirmation(Outcome.CONFIRMED, pending.accountId(), 0);
		});
		if (confirmation.outcome() == Outcome.CONFIRMED) {
			this.events.publish(IdentitySecurityEvents.REGISTRATION_CONFIRMED, Map.of("account_id", confirmation.accountId().toString()));
		}
		return confirmation;
	}

	/** Delete registrations that expired unconfirmed, and destroy the keys their values were sealed with. */
	int purgeExpired() {
		List<UUID> expired = this.registrations.deleteExpired(this.clock.instant(), 500);
		expired.forEach((accountId) -> this.vault.destroy(CustomerFields.subject(accountId)));
		return expired.size();
	}

	/** A field the value types refused, named for the answer; the value is never repeated. */
	public static final class InvalidFieldException extends RuntimeException {

		private final String field;

		public InvalidFieldException(String field) {
			super("invalid field: " + field);
			this.field = field;
		}

		public String field() {
			return this.field;
		}

	}

	private static <T> T field(String field, java.util.function.Supplier<T> check) {
		try {
			return check.get();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFieldException(field);
		}
	}

	private void discard(RegistrationRepository.Pending pending) {
		this.registrations.delete(pending.id());
		this.vault.destroy(CustomerFields.subject(pending.accountId()));
	}

}
