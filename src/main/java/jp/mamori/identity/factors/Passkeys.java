package jp.mamori.identity.factors;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.webauthn4j.util.exception.WebAuthnException;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.account.CustomerFields;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.vault.Reader;
import jp.mamori.vault.SealContext;
import jp.mamori.vault.Sealed;
import jp.mamori.vault.Vault;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.web.webauthn.api.AttestationConveyancePreference;
import org.springframework.security.web.webauthn.api.AuthenticatorAttestationResponse;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * A customer's passkeys: registering one, listing, renaming and removing them.
 *
 * <p>Security decisions:
 * <ul>
 * <li>The WebAuthn user entity's {@code id} (the user handle an authenticator stores) is random and
 * its {@code name} is the account's UUID: neither the e-mail address nor the user ID reaches an
 * authenticator as a handle. The display name is the user ID, so that a customer can tell accounts
 * apart in the browser's passkey list.</li>
 * <li>The label a customer gives a passkey is sealed by the vault (field {@value #LABEL_FIELD}); the
 * plain column holds {@value #LABEL_PLACEHOLDER}.</li>
 * <li>Registration needs user verification and a discoverable credential, and takes a challenge
 * handed out for this account's registration, once.</li>
 * <li>An account holds at most {@value #MAX_PER_ACCOUNT} passkeys.</li>
 * </ul>
 */
public final class Passkeys {

	static final String LABEL_FIELD = "customer.passkey_label";

	static final String LABEL_PLACEHOLDER = "(sealed)";

	public static final int MAX_PER_ACCOUNT = 20;

	/** A registered passkey as its owner sees it. {@link #toString()} withholds the label. */
	public record Summary(UUID id, String label, Instant createdAt, Instant lastUsedAt) {

		@Override
		public String toString() {
			return "Summary[id=" + this.id + ", label=(withheld)]";
		}

	}

	/** Options for the browser's {@code navigator.credentials.create()}, and the challenge's handle. */
	public record RegistrationOptions(UUID challengeId, PublicKeyCredentialCreationOptions options) {
	}

	private record Row(UUID id, Sealed label, Instant created, Instant lastUsed) {
	}

	private final WebAuthnRelyingPartyOperations relyingParty;

	private final PublicKeyCredentialUserEntityRepository users;

	private final PasskeyChallenges challenges;

	private final PasskeyRelyingParty settings;

	private final JdbcClient jdbc;

	private final Vault vault;

	private final TransactionOperations transactions;

	Passkeys(WebAuthnRelyingPartyOperations relyingParty, PublicKeyCredentialUserEntityRepository users,
			PasskeyChallenges challenges, PasskeyRelyingParty settings, JdbcClient jdbc, Vault vault,
			TransactionOperations transactions) {
		Assert.notNull(relyingParty, "relyingParty cannot be null");
		Assert.notNull(users, "users cannot be null");
		Assert.notNull(challenges, "challenges cannot be null");
		Assert.notNull(settings, "settings cannot be null");
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(vault, "vault cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		this.relyingParty = relyingParty;
		this.users = users;
		this.challenges = challenges;
		this.settings = settings;
		this.jdbc = jdbc;
		this.vault = vault;
		this.transactions = transactions;
	}

	/**
	 * @param accountId an SQL expression for the account's UUID
	 * @return an SQL condition: the account has at least one passkey
	 */
	static String anyFor(String accountId) {
		return """
				exists (select 1 from identity_passkey_credential c
				        join identity_passkey_user u on u.id = c.user_entity_user_id where u.account_id = %s)"""
			.formatted(accountId);
	}

	/** @return how many passkeys the account has */
	public int count(CustomerId account) {
		return this.jdbc.sql("""
				select count(*) from identity_passkey_credential c
				join identity_passkey_user u on u.id = c.user_entity_user_id where u.account_id = ?""")
			.param(account.value())
			.query(Integer.class)
			.single();
	}

	/** @return options to create a passkey for the account, or empty if the source holds too many challenges */
	public Optional<RegistrationOptions> registrationOptions(CustomerId account, ClientSource source) {
		userEntity(account);
		var authentication = UsernamePasswordAuthenticationToken.authenticated(account.toString(), null, List.of());
		PublicKeyCredentialCreationOptions options = this.relyingParty
			.createPublicKeyCredentialCreationOptions(new ImmutablePublicKeyCredentialCreationOptionsRequest(authentication));
		return this.challenges.issue(PasskeyChallenges.Purpose.REGISTRATION, account, options.getChallenge(), source)
			.map((issued) -> new RegistrationOptions(issued.id(), options));
	}

	/**
	 * Verify the browser's answer to registration options and store the new passkey.
	 * @return the new passkey, or empty if the challenge is not this account's, has been used or has
	 * expired, or the answer does not verify (origin, RP ID, user verification, signature)
	 */
	public Optional<Summary> register(CustomerId account, String challengeId,
			PublicKeyCredential<AuthenticatorAttestationResponse> credential, String label) {
		Optional<Bytes> challenge = this.challenges.take(challengeId, PasskeyChallenges.Purpose.REGISTRATION, account);
		PublicKeyCredentialUserEntity user = this.users.findByUsername(account.toString());
		if (challenge.isEmpty() || user == null) {
			return Optional.empty();
		}
		PublicKeyCredentialCreationOptions options = PublicKeyCredentialCreationOptions.builder()
			.rp(this.settings.entity())
			.user(user)
			.challenge(challenge.get())
			.pubKeyCredParams(PasskeyRelyingParty.ALGORITHMS)
			.authenticatorSelection(PasskeyRelyingParty.SELECTION)
			.attestation(AttestationConveyancePreference.NONE)
			.timeout(PasskeyChallenges.VALIDITY)
			.build();
		try {
			return Optional.of(this.transactions.execute((status) -> {
				CredentialRecord record = this.relyingParty.registerCredential(new ImmutableRelyingPartyRegistrationRequest(
						options, new RelyingPartyPublicKey(credential, LABEL_PLACEHOLDER)));
				UUID id = this.jdbc.sql("select passkey_id from identity_passkey_credential where credential_id = ?")
					.param(record.getCredentialId().toBase64UrlString())
					.query(UUID.class)
					.single();
				seal(account, id, label);
				return new Summary(id, label, record.getCreated(), record.getLastUsed());
			}));
		}
		catch (WebAuthnException | IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/** @return the account's passkeys, oldest first */
	public List<Summary> list(CustomerId account) {
		Reader self = Reader.self(CustomerFields.subject(account.value()));
		return this.jdbc.sql("""
				select c.passkey_id, c.label_sealed, c.label_key_ref, c.created, c.last_used
				from identity_passkey_credential c join identity_passkey_user u on u.id = c.user_entity_user_id
				where u.account_id = ? order by c.created, c.passkey_id""")
			.param(account.value())
			.query((rs, row) -> new Row(rs.getObject(1, UUID.class), Sealed.of(rs.getBytes(2), rs.getString(3)),
					rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()))
			.list()
			.stream()
			.map((row) -> new Summary(row.id(), this.vault.open(row.label(), labelContext(account, row.id()), self,
					"identity.passkeys.list"), row.created(), row.lastUsed()))
			.toList();
	}

	/** @return whether the account has that passkey, now with the new label */
	public boolean rename(CustomerId account, UUID passkey, String label) {
		return Boolean.TRUE.equals(this.transactions.execute((status) -> owned(account, passkey) && seal(account, passkey, label)));
	}

	/** @return whether the account had that passkey, which is now gone */
	public boolean remove(CustomerId account, UUID passkey) {
		return this.jdbc.sql("""
				delete from identity_passkey_credential c using identity_passkey_user u
				where u.id = c.user_entity_user_id and u.account_id = ? and c.passkey_id = ?""")
			.params(account.value(), passkey)
			.update() > 0;
	}

	private boolean owned(CustomerId account, UUID passkey) {
		return this.jdbc.sql("""
				select count(*) from identity_passkey_credential c join identity_passkey_user u
				on u.id = c.user_entity_user_id where u.account_id = ? and c.passkey_id = ?""")
			.params(account.value(), passkey)
			.query(Long.class)
			.single() > 0;
	}

	private boolean seal(CustomerId account, UUID passkey, String label) {
		Sealed sealed = this.vault.seal(labelContext(account, passkey), label);
		return this.jdbc.sql("update identity_passkey_credential set label_sealed = ?, label_key_ref = ? where passkey_id = ?")
			.params(sealed.ciphertext(), sealed.keyReference(), passkey)
			.update() > 0;
	}

	private static SealContext labelContext(CustomerId account, UUID passkey) {
		return SealContext.of(CustomerFields.subject(account.value()), LABEL_FIELD, passkey.toString());
	}

	/** The account's user entity, made on its first passkey: random handle, the account's UUID as name. */
	private PublicKeyCredentialUserEntity userEntity(CustomerId account) {
		PublicKeyCredentialUserEntity found = this.users.findByUsername(account.toString());
		if (found != null) {
			return found;
		}
		String userId = this.jdbc.sql("select user_id from identity_customer_account where id = ?")
			.param(account.value())
			.query(String.class)
			.single();
		PublicKeyCredentialUserEntity created = ImmutablePublicKeyCredentialUserEntity.builder()
			.id(Bytes.random())
			.name(account.toString())
			.displayName(userId)
			.build();
		try {
			this.users.save(created);
			return created;
		}
		catch (DuplicateKeyException ex) {
			// Two first registrations at once: the other request made the entity; use it.
			return this.users.findByUsername(account.toString());
		}
	}

}
