package jp.mamori.identity.account;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jp.mamori.vault.Sealed;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/** Pending registrations, and the step that turns one into an account. */
final class RegistrationRepository {

	/** A registration as stored; its sealed values never leave the module unopened. */
	record Pending(UUID id, UUID accountId, String userId, String passwordHash, Sealed name, Sealed email,
			Sealed household, byte[] codeHash, int attempts, Instant expiresAt) {

		@Override
		public String toString() {
			return "Pending[id=" + this.id + "]";
		}

	}

	private final JdbcClient jdbc;

	RegistrationRepository(JdbcClient jdbc) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		this.jdbc = jdbc;
	}

	void insert(Pending pending, Instant now) {
		this.jdbc.sql("""
				insert into identity_registration (id, account_id, user_id, password_hash, name_sealed, name_key_ref,
				  email_sealed, email_key_ref, household_sealed, household_key_ref, code_hash, attempts, created_at,
				  expires_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)""")
			.params(pending.id(), pending.accountId(), pending.userId(), pending.passwordHash(),
					pending.name().ciphertext(), pending.name().keyReference(), pending.email().ciphertext(),
					pending.email().keyReference(), (pending.household() != null) ? pending.household().ciphertext() : null,
					(pending.household() != null) ? pending.household().keyReference() : null, pending.codeHash(),
					utc(now), utc(pending.expiresAt()))
			.update();
	}

	/** The registration, locked for the confirmation that reads it. */
	Optional<Pending> lock(UUID id) {
		return this.jdbc.sql("""
				select id, account_id, user_id, password_hash, name_sealed, name_key_ref, email_sealed, email_key_ref,
				  household_sealed, household_key_ref, code_hash, attempts, expires_at
				from identity_registration where id = ? for update""")
			.param(id)
			.query((rs, row) -> new Pending(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
					rs.getString(4), Sealed.of(rs.getBytes(5), rs.getString(6)), Sealed.of(rs.getBytes(7), rs.getString(8)),
					(rs.getBytes(9) != null) ? Sealed.of(rs.getBytes(9), rs.getString(10)) : null, rs.getBytes(11),
					rs.getInt(12), rs.getObject(13, OffsetDateTime.class).toInstant()))
			.optional();
	}

	void countFailure(UUID id) {
		this.jdbc.sql("update identity_registration set attempts = attempts + 1 where id = ?").param(id).update();
	}

	/** @return whether the account was created; false when the user ID is taken */
	boolean createAccount(Pending pending, String userId, String userIdKey, Instant now) {
		return this.jdbc.sql("""
				insert into identity_customer_account (id, user_id, user_id_key, password_hash, created_at,
				  password_changed_at, name_sealed, name_key_ref, email_sealed, email_key_ref, household_sealed,
				  household_key_ref, email_confirmed_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (user_id_key) do nothing""")
			.params(pending.accountId(), userId, userIdKey, pending.passwordHash(), utc(now), utc(now),
					pending.name().ciphertext(), pending.name().keyReference(), pending.email().ciphertext(),
					pending.email().keyReference(), (pending.household() != null) ? pending.household().ciphertext() : null,
					(pending.household() != null) ? pending.household().keyReference() : null, utc(now))
			.update() == 1;
	}

	void delete(UUID id) {
		this.jdbc.sql("delete from identity_registration where id = ?").param(id).update();
	}

	/** @return the account identifiers of registrations that expired unconfirmed, now deleted */
	List<UUID> deleteExpired(Instant now, int limit) {
		return this.jdbc.sql("""
				delete from identity_registration where id in (
				  select id from identity_registration where expires_at < ? order by expires_at limit ?)
				returning account_id""")
			.params(utc(now), limit)
			.query(UUID.class)
			.list();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
