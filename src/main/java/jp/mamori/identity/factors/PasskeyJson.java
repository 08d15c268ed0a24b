package jp.mamori.identity.factors;

import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorAttestationResponse;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;

/**
 * WebAuthn's JSON forms (base64url bytes, the browser's {@code PublicKeyCredential.toJSON()}) through
 * Spring Security's Jackson module. Fields a browser adds that Mamori does not use (e.g. a
 * credential's {@code publicKey} copy) are ignored; anything that does not read as a credential is
 * empty, never an exception.
 */
public final class PasskeyJson {

	private static final TypeReference<PublicKeyCredential<AuthenticatorAttestationResponse>> ATTESTATION = new TypeReference<>() {
	};

	private static final TypeReference<PublicKeyCredential<AuthenticatorAssertionResponse>> ASSERTION = new TypeReference<>() {
	};

	private final JsonMapper json = JsonMapper.builder()
		.addModule(new WebauthnJacksonModule())
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	/** @return the options as the browser's {@code PublicKeyCredential.parse…OptionsFromJSON} reads them */
	public JsonNode tree(Object options) {
		return this.json.valueToTree(options);
	}

	/** @return the credential, if it has every part a registration needs */
	public Optional<PublicKeyCredential<AuthenticatorAttestationResponse>> attestation(JsonNode credential) {
		return read(credential, ATTESTATION).filter((read) -> read.getRawId() != null && read.getResponse() != null
				&& read.getResponse().getClientDataJSON() != null && read.getResponse().getAttestationObject() != null);
	}

	/** @return the credential, if it has every part a sign-in needs */
	public Optional<PublicKeyCredential<AuthenticatorAssertionResponse>> assertion(JsonNode credential) {
		return read(credential, ASSERTION).filter((read) -> read.getId() != null && read.getRawId() != null
				&& read.getResponse() != null && read.getResponse().getClientDataJSON() != null
				&& read.getResponse().getAuthenticatorData() != null && read.getResponse().getSignature() != null);
	}

	private <T> Optional<T> read(JsonNode node, TypeReference<T> type) {
		if (node == null || !node.isObject()) {
			return Optional.empty();
		}
		try {
			return Optional.ofNullable(this.json.readerFor(type).readValue(node));
		}
		catch (JacksonException | IllegalArgumentException | IllegalStateException ex) {
			return Optional.empty();
		}
	}

}
