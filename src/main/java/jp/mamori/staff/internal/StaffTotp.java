package jp.mamori.staff.internal;

import java.time.Clock;
import java.time.Instant;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.OptionalLong;

import jp.mamori.identity.credentials.Base32;
import jp.mamori.identity.credentials.TotpCodes;
import jp.mamori.identity.factors.TotpFactor;
import jp.mamori.staff.StaffId;
import jp.mamori.vault.Reader;
import jp.mamori.vault.SealContext;
import jp.mamori.vault.Sealed;
import jp.mamori.vault.Subject;
import jp.mamori.vault.Vault;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * A staff member's TOTP authenticator, with the customers' code rules ({@link TotpCodes}).
 *
 * <p>Security decisions:
 * <ul>
 * <li>The secret is sealed by the vault for subject {@code staff:<id>} (field {@value #FIELD}) and
 * opened only by the member's own read, to check a code.</li>
 * <li>Enrolment counts once confirmed with a code; an active authenticator is never replaced here
 * (an administrator would have to reset the account).</li>
 * <li>Staff have no recovery codes: a member who loses the authenticator asks an administrator.</li>
 * <li>Checking a code locks the row, so two requests with one code cannot both pass.</li>
 * </ul>
 */
public final class StaffTotp {

	static final String FIELD = "staff.totp";

	private record Stored(Sealed secret, boolean confirmed, Long lastStep) {
	}

	private final JdbcClient jdbc;

	private final Vault vault;

	private final TransactionOperations transactions;

	private final Clock clock;

	private final TotpCodes codes = new TotpCodes();

	StaffTotp(JdbcClient jdbc, Vault vault, TransactionOperations transactions, Clock clock) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(vault, "vault cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jdbc = jdbc;
		this.vault = vault;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** @return a new secret for the member's authenticator, or empty if TOTP is already active */
	public Optional<TotpFactor.Enrolment> start(StaffId staff, String userId) {
		String secret = TotpFactor.newSecret();
		int written = this.transactions.execute((status) -> {
			Sealed sealed = this.vault.seal(context(staff), secret);
			return this.jdbc.sql("""
					update identity_staff_account set totp_sealed = ?, totp_key_ref = ?, totp_last_step = null
					where id = ? and totp_confirmed_at is null""")
				.params(sealed.ciphertext(), sealed.keyReference(), staff.value())
				.update();
		});
		return (written == 0) ? Optional.empty() : Optional.of(TotpFactor.Enrolment.of("staff:" + userId, secret));
	}

	/** @return whether a started enrolment is now active, confirmed by a current code */
	public boolean confirm(StaffId staff, String code) {
		return accept(staff, code, false);
	}

	/** @return whether {@code code} is the active authenticator's current code, not used before */
	boolean verify(StaffId staff, String code) {
		return accept(staff, code, true);
	}

	private boolean accept(StaffId staff, String code, boolean confirmed) {
		Instant now = this.clock.instant();
		return Boolean.TRUE.equals(this.transactions.execute((status) -> {
			Optional<Stored> stored = lock(staff);
			if (stored.isEmpty() || stored.get().confirmed() != confirmed) {
				return false;
			}
			long last = (stored.get().lastStep() != null) ? stored.get().lastStep() : Long.MIN_VALUE;
			OptionalLong step = this.codes.accept(open(staff, stored.get()), code, now, last);
			if (step.isEmpty()) {
				return false;
			}
			this.jdbc.sql("""
					update identity_staff_account set totp_last_step = ?,
					totp_confirmed_at = coalesce(totp_confirmed_at, ?) where id = ?""")
				.params(step.getAsLong(), Timestamp.from(now), staff.value())
				.update();
			return true;
		}));
	}

	private Optional<Stored> lock(StaffId staff) {
		return this.jdbc.sql("""
				select totp_sealed, totp_key_ref, totp_confirmed_at is not null, totp_last_step
				from identity_staff_account where id = ? and totp_sealed is not null for update""")
			.param(staff.value())
			.query((rs, row) -> new Stored(Sealed.of(rs.getBytes(1), rs.getString(2)), rs.getBoolean(3),
					(Long) rs.getObject(4)))
			.optional();
	}

	/** The one place a staff member's plaintext secret is read: their own read, to check a code. */
	private byte[] open(StaffId staff, Stored stored) {
		return Base32.decode(this.vault.open(stored.secret(), context(staff), Reader.self(subject(staff)),
				"identity.staff.totp.verify"));
	}

	static Subject subject(StaffId staff) {
		return Subject.staff(staff.toString());
	}

	private static SealContext context(StaffId staff) {
		return SealContext.of(subject(staff), FIELD, staff.toString());
	}

}
