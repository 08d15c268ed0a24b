package jp.mamori.identity.credentials;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;

import jp.mamori.vault.Reader;
import jp.mamori.vault.SealContext;
import jp.mamori.vault.Sealed;
import jp.mamori.vault.Vault;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * TOTP secrets sealed by the vault, with the replay guard: the one piece that customers' and staff
 * members' authenticators share ({@link Columns} says where each keeps its secret).
 *
 * <p>Security decisions:
 * <ul>
 * <li>A secret is {@value #SECRET_BYTES} random bytes, sealed before it is written and opened only as
 * its owner's own read ({@link Reader#self}), to check a code.</li>
 * <li>A code is checked on a row locked {@code for update} within the caller's transaction, and the
 * time step it matched is written before the transaction ends: a code can pass once, even when two
 * requests carry it at the same instant, and never an earlier step than the last one accepted.</li>
 * </ul>
 */
public final class TotpSecrets {

	public static final int SECRET_BYTES = 20;

	private static final SecureRandom random = new SecureRandom();

	/**
	 * Where an owner's secret lives.
	 * @param table the table, one row per owner
	 * @param owner the owner's UUID column
	 * @param sealed the sealed secret's column
	 * @param keyReference its key reference's column
	 * @param confirmedAt when the authenticator was confirmed (null while it is being set up)
	 * @param lastStep the last time step accepted
	 */
	public record Columns(String table, String owner, String sealed, String keyReference, String confirmedAt,
			String lastStep) {
	}

	/** A locked row: the sealed secret, whether it is confirmed, and the last step accepted. */
	public record Stored(Sealed secret, Instant confirmedAt, Long lastStep) {

		public boolean confirmed() {
			return this.confirmedAt != null;
		}

	}

	/** What an authenticator app needs, shown once to its owner. {@link #toString()} withholds it. */
	public record Enrolment(String secret, String uri, String qrSvg) {

		/** @return what an authenticator needs to hold {@code secret} (base32) for {@code account} */
		public static Enrolment of(String account, String secret) {
			String uri = "otpauth://totp/Mamori:" + URLEncoder.encode(account, StandardCharsets.UTF_8).replace("+", "%20")
					+ "?secret=" + secret + "&issuer=Mamori";
			return new Enrolment(secret, uri, QrCodes.svg(uri));
		}

		@Override
		public String toString() {
			return "Enrolment[(withheld)]";
		}

	}

	private final JdbcClient jdbc;

	private final Vault vault;

	private final Columns columns;

	private final Function<UUID, SealContext> context;

	private final String purpose;

	private final TotpCodes codes = new TotpCodes();

	/**
	 * @param context the sealing context of an owner's secret (its subject is the owner)
	 * @param purpose why the secret is opened, for the vault's record of reads
	 */
	public TotpSecrets(JdbcClient jdbc, Vault vault, Columns columns, Function<UUID, SealContext> context,
			String purpose) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(vault, "vault cannot be null");
		Assert.notNull(columns, "columns cannot be null");
		Assert.notNull(context, "context cannot be null");
		Assert.hasText(purpose, "purpose cannot be empty");
		this.jdbc = jdbc;
		this.vault = vault;
		this.columns = columns;
		this.context = context;
		this.purpose = purpose;
	}

	/** @return a new random secret of {@value #SECRET_BYTES} bytes, in base32 */
	public static String newSecret() {
		byte[] secret = new byte[SECRET_BYTES];
		random.nextBytes(secret);
		return Base32.encode(secret);
	}

	/** @return the secret in groups of four, easier to type into an app by hand */
	public static String grouped(String secret) {
		return String.join(" ", secret.split("(?<=\\G.{4})"));
	}

	/** @return {@code base32} sealed for {@code owner}, ready to be written */
	public Sealed seal(UUID owner, String base32) {
		return this.vault.seal(this.context.apply(owner), base32);
	}

	/** @return the secret as its owner reads it, e.g. to show an enrolment that is not yet confirmed */
	public String open(UUID owner, Sealed sealed, String why) {
		SealContext context = this.context.apply(owner);
		return this.vault.open(sealed, context, Reader.self(context.subject()), why);
	}

	/** Locks the owner's row for the rest of the caller's transaction. */
	public Optional<Stored> lock(UUID owner) {
		Columns c = this.columns;
		return this.jdbc
			.sql("select %s, %s, %s, %s from %s where %s = ? and %s is not null for update".formatted(c.sealed(),
					c.keyReference(), c.confirmedAt(), c.lastStep(), c.table(), c.owner(), c.sealed()))
			.param(owner)
			.query((rs, row) -> new Stored(Sealed.of(rs.getBytes(1), rs.getString(2)),
					(rs.getTimestamp(3) != null) ? rs.getTimestamp(3).toInstant() : null, (Long) rs.getObject(4)))
			.optional();
	}

	/**
	 * Checks {@code code} against a row {@link #lock locked} in the caller's transaction and, if it
	 * passes, records its time step, and the confirmation if the authenticator was being set up.
	 * @return the step accepted, or empty if the code is wrong, too old, or already used
	 */
	public OptionalLong accept(UUID owner, Stored stored, String code, Instant now) {
		long last = (stored.lastStep() != null) ? stored.lastStep() : Long.MIN_VALUE;
		byte[] secret = Base32.decode(open(owner, stored.secret(), this.purpose));
		OptionalLong step = this.codes.accept(secret, code, now, last);
		if (step.isPresent()) {
			Columns c = this.columns;
			this.jdbc
				.sql("update %s set %s = ?, %s = coalesce(%s, ?) where %s = ?".formatted(c.table(), c.lastStep(),
						c.confirmedAt(), c.confirmedAt(), c.owner()))
				.params(step.getAsLong(), Timestamp.from(now), owner)
				.update();
		}
		return step;
	}

}
