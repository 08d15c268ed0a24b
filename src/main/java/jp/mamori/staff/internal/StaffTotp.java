package jp.mamori.staff.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jp.mamori.identity.credentials.TotpSecrets;
import jp.mamori.staff.StaffId;
import jp.mamori.vault.SealContext;
import jp.mamori.vault.Sealed;
import jp.mamori.vault.Subject;
import jp.mamori.vault.Vault;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * A staff member's TOTP authenticator, sealed and checked as customers' are ({@link TotpSecrets}).
 *
 * <p>Security decisions:
 * <ul>
 * <li>The secret is sealed by the vault for subject {@code staff:<id>} (field {@value #FIELD}) and
 * opened only by the member's own read, to check a code.</li>
 * <li>Enrolment counts once confirmed with a code; an active authenticator is never replaced here
 * (an administrator would have to reset the account).</li>
 * <li>Staff have no recovery codes: a member who loses the authenticator asks an administrator.</li>
 * </ul>
 */
public final class StaffTotp {

	static final String FIELD = "staff.totp";

	private static final TotpSecrets.Columns COLUMNS = new TotpSecrets.Columns("identity_staff_account", "id",
			"totp_sealed", "totp_key_ref", "totp_confirmed_at", "totp_last_step");

	private final JdbcClient jdbc;

	private final TotpSecrets secrets;

	private final TransactionOperations transactions;

	private final Clock clock;

	/** @param vault seals the secrets for their members ({@link TotpSecrets}) */
	StaffTotp(JdbcClient jdbc, Vault vault, TransactionOperations transactions, Clock clock) {
		this.secrets = new TotpSecrets(jdbc, vault, COLUMNS, StaffTotp::context, "identity.staff.totp.verify");
		this.jdbc = jdbc;
		this.transactions = Objects.requireNonNull(transactions, "transactions cannot be null");
		this.clock = Objects.requireNonNull(clock, "clock cannot be null");
	}

	/** @return a new secret for the member's authenticator, or empty if TOTP is already active */
	public Optional<TotpSecrets.Enrolment> start(StaffId staff, String userId) {
		String secret = TotpSecrets.newSecret();
		int written = this.transactions.execute((status) -> {
			Sealed sealed = this.secrets.seal(staff.value(), secret);
			return this.jdbc.sql("""
					update identity_staff_account set totp_sealed = ?, totp_key_ref = ?, totp_last_step = null
					where id = ? and totp_confirmed_at is null""")
				.params(sealed.ciphertext(), sealed.keyReference(), staff.value())
				.update();
		});
		return (written == 0) ? Optional.empty() : Optional.of(TotpSecrets.Enrolment.of("staff:" + userId, secret));
	}

	/** @return whether a started enrolment is now active, confirmed by a current code */
	public boolean confirm(StaffId staff, String code) {
		return accept(staff, code, false);
	}

	/** @return whether {@code code} is the active authenticator's current code, not used before */
	public boolean verify(StaffId staff, String code) {
		return accept(staff, code, true);
	}

	private boolean accept(StaffId staff, String code, boolean confirmed) {
		Instant now = this.clock.instant();
		return Boolean.TRUE.equals(this.transactions.execute((status) -> this.secrets.lock(staff.value())
			.filter((stored) -> stored.confirmed() == confirmed)
			.map((stored) -> this.secrets.accept(staff.value(), stored, code, now).isPresent())
			.orElse(false)));
	}

	static Subject subject(StaffId staff) {
		return Subject.staff(staff.toString());
	}

	private static SealContext context(UUID staff) {
		return SealContext.of(Subject.staff(staff.toString()), FIELD, staff.toString());
	}

}
