package jp.mamori.identity.factors;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import jp.mamori.identity.credentials.IdentityProperties;

import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.util.Assert;

/**
 * Mamori as a WebAuthn relying party: its ID, name and origins from
 * {@code mamori.identity.passkeys.*}, and the one set of options every ceremony uses.
 *
 * <p>Security decision: user verification is required in every ceremony (a PIN, fingerprint or face
 * on the authenticator), so a passkey is two factors in one: something the customer has and
 * something they know or are. That is what lets a passkey alone be a full sign-in.
 */
public final class PasskeyRelyingParty {

	static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(PublicKeyCredentialParameters.ES256,
			PublicKeyCredentialParameters.EdDSA, PublicKeyCredentialParameters.RS256);

	static final AuthenticatorSelectionCriteria SELECTION = AuthenticatorSelectionCriteria.builder()
		.userVerification(UserVerificationRequirement.REQUIRED)
		.residentKey(ResidentKeyRequirement.REQUIRED)
		.build();

	/** Localhost is development: the relying party ID of a machine, never of a shop. */
	static final String DEVELOPMENT_RP_ID = "localhost";

	private final IdentityProperties.Passkeys settings;

	private final Set<String> origins;

	PasskeyRelyingParty(IdentityProperties.Passkeys settings) {
		Assert.notNull(settings, "settings cannot be null");
		this.settings = settings;
		this.origins = new CopyOnWriteArraySet<>(settings.allowedOrigins());
	}

	/**
	 * The HTTPS server is listening on {@code port}. In development (relying party ID {@code localhost})
	 * its own origin is allowed too, so that passkeys work on whatever port Mamori was started with;
	 * with any other relying party ID the configured origins are all there is.
	 */
	void serverStarted(int port) {
		if (DEVELOPMENT_RP_ID.equals(this.settings.rpId())) {
			this.origins.add("https://localhost:" + port);
		}
	}

	/** @return the origins assertions and attestations may come from */
	public Set<String> origins() {
		return Set.copyOf(this.origins);
	}

	PublicKeyCredentialRpEntity entity() {
		return PublicKeyCredentialRpEntity.builder().id(this.settings.rpId()).name(this.settings.rpName()).build();
	}

	/** Spring Security's relying party over these repositories, with Mamori's options. */
	Webauthn4JRelyingPartyOperations operations(PublicKeyCredentialUserEntityRepository users,
			UserCredentialRepository credentials) {
		Webauthn4JRelyingPartyOperations operations = new Webauthn4JRelyingPartyOperations(users, credentials,
				entity(), this.origins);
		operations.setCustomizeCreationOptions((options) -> options.authenticatorSelection(SELECTION)
			.pubKeyCredParams(ALGORITHMS)
			.timeout(PasskeyChallenges.VALIDITY));
		operations.setCustomizeRequestOptions((options) -> options.userVerification(UserVerificationRequirement.REQUIRED)
			.timeout(PasskeyChallenges.VALIDITY));
		return operations;
	}

	/** The request options a challenge was handed out with, rebuilt to check the answer to it. */
	public PublicKeyCredentialRequestOptions requestOptions(Bytes challenge) {
		return PublicKeyCredentialRequestOptions.builder()
			.challenge(challenge)
			.rpId(this.settings.rpId())
			.userVerification(UserVerificationRequirement.REQUIRED)
			.timeout(PasskeyChallenges.VALIDITY)
			.build();
	}

}
