package jp.mamori.identity;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.webauthn4j.data.AttestationConveyancePreference;
import com.webauthn4j.data.AuthenticatorAssertionResponse;
import com.webauthn4j.data.AuthenticatorAttestationResponse;
import com.webauthn4j.data.AuthenticatorSelectionCriteria;
import com.webauthn4j.data.PublicKeyCredential;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialDescriptor;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.PublicKeyCredentialRpEntity;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.PublicKeyCredentialUserEntity;
import com.webauthn4j.data.ResidentKeyRequirement;
import com.webauthn4j.data.UserVerificationRequirement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor;
import com.webauthn4j.test.client.ClientPlatform;

/**
 * A browser with a platform authenticator, emulated by WebAuthn4J: it reads Mamori's options in
 * WebAuthn's JSON form and answers with credentials in the form a browser's {@code toJSON()} gives.
 * The origin it reports is its own to set, to play a look-alike site.
 */
public final class PasskeyDevice {

	/** The origin the relying party accepts when {@code mamori.identity.passkeys} is left at its defaults. */
	public static final String ORIGIN = "https://localhost:8443";

	private final PackedAuthenticator authenticator = new PackedAuthenticator();

	private final ClientPlatform platform = new ClientPlatform(new Origin(ORIGIN),
			new WebAuthnAuthenticatorAdaptor(this.authenticator));

	public PasskeyDevice origin(String origin) {
		this.platform.setOrigin(new Origin(origin));
		return this;
	}

	/** {@code navigator.credentials.create({ publicKey })} */
	@SuppressWarnings("unchecked")
	public Map<String, Object> create(Map<?, ?> publicKey) {
		Map<?, ?> rp = (Map<?, ?>) publicKey.get("rp");
		Map<?, ?> user = (Map<?, ?>) publicKey.get("user");
		List<PublicKeyCredentialParameters> algorithms = new ArrayList<>();
		for (Map<?, ?> parameter : (List<Map<?, ?>>) publicKey.get("pubKeyCredParams")) {
			algorithms.add(new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY,
					COSEAlgorithmIdentifier.create(((Number) parameter.get("alg")).longValue())));
		}
		Map<?, ?> selection = (Map<?, ?>) publicKey.get("authenticatorSelection");
		PublicKeyCredentialCreationOptions options = new PublicKeyCredentialCreationOptions(
				new PublicKeyCredentialRpEntity((String) rp.get("id"), (String) rp.get("name")),
				new PublicKeyCredentialUserEntity(decode(user.get("id")), (String) user.get("name"),
						(String) user.get("displayName")),
				new DefaultChallenge(decode(publicKey.get("challenge"))), algorithms, 300_000L, List.of(),
				new AuthenticatorSelectionCriteria(null, ResidentKeyRequirement.create((String) selection.get("residentKey")),
						UserVerificationRequirement.create((String) selection.get("userVerification"))),
				AttestationConveyancePreference.NONE, null);
		PublicKeyCredential<AuthenticatorAttestationResponse, ?> credential = this.platform.create(options);
		Map<String, Object> response = new HashMap<>();
		response.put("clientDataJSON", encode(credential.getResponse().getClientDataJSON()));
		response.put("attestationObject", encode(credential.getResponse().getAttestationObject()));
		response.put("transports", List.of("internal"));
		return json(credential.getRawId(), response);
	}

	/** {@code navigator.credentials.get({ publicKey })} */
	@SuppressWarnings("unchecked")
	public Map<String, Object> get(Map<?, ?> publicKey) {
		List<PublicKeyCredentialDescriptor> allowed = new ArrayList<>();
		Object allowCredentials = publicKey.get("allowCredentials");
		for (Map<?, ?> descriptor : (allowCredentials != null) ? (List<Map<?, ?>>) allowCredentials
				: List.<Map<?, ?>>of()) {
			allowed.add(new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PUBLIC_KEY, decode(descriptor.get("id")),
					null));
		}
		PublicKeyCredentialRequestOptions options = new PublicKeyCredentialRequestOptions(
				new DefaultChallenge(decode(publicKey.get("challenge"))), 300_000L, (String) publicKey.get("rpId"),
				allowed.isEmpty() ? null : allowed,
				UserVerificationRequirement.create((String) publicKey.get("userVerification")), null);
		PublicKeyCredential<AuthenticatorAssertionResponse, ?> credential = this.platform.get(options);
		Map<String, Object> response = new HashMap<>();
		response.put("clientDataJSON", encode(credential.getResponse().getClientDataJSON()));
		response.put("authenticatorData", encode(credential.getResponse().getAuthenticatorData()));
		response.put("signature", encode(credential.getResponse().getSignature()));
		if (credential.getResponse().getUserHandle() != null) {
			response.put("userHandle", encode(credential.getResponse().getUserHandle()));
		}
		return json(credential.getRawId(), response);
	}

	private static Map<String, Object> json(byte[] rawId, Map<String, Object> response) {
		Map<String, Object> credential = new HashMap<>();
		credential.put("id", encode(rawId));
		credential.put("rawId", encode(rawId));
		credential.put("type", "public-key");
		credential.put("authenticatorAttachment", "platform");
		credential.put("clientExtensionResults", Map.of());
		credential.put("response", response);
		return credential;
	}

	public static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	public static byte[] decode(Object base64url) {
		return Base64.getUrlDecoder().decode((String) base64url);
	}

}
