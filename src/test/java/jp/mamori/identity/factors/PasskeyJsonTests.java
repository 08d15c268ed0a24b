package jp.mamori.identity.factors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Credentials as browsers send them: {@code PublicKeyCredential.toJSON()} with every field it adds. */
class PasskeyJsonTests {

	private final PasskeyJson json = new PasskeyJson();

	private final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void aRegistrationAsChromeSerialisesItIsReadWithTheFieldsMamoriDoesNotUse() {
		JsonNode credential = this.mapper.readTree("""
				{"id":"AQID","rawId":"AQID","type":"public-key","authenticatorAttachment":"platform",
				 "clientExtensionResults":{"credProps":{"rk":true}},
				 "response":{"clientDataJSON":"e30","attestationObject":"oA","authenticatorData":"AA",
				             "publicKey":"MFkw","publicKeyAlgorithm":-7,"transports":["hybrid","internal"]}}""");
		var read = this.json.attestation(credential);
		assertThat(read).isPresent();
		assertThat(read.get().getRawId().getBytes()).containsExactly(1, 2, 3);
		assertThat(read.get().getResponse().getTransports()).hasSize(2);
	}

	@Test
	void anAssertionAsChromeSerialisesItIsRead() {
		JsonNode credential = this.mapper.readTree("""
				{"id":"AQID","rawId":"AQID","type":"public-key","authenticatorAttachment":"cross-platform",
				 "clientExtensionResults":{},
				 "response":{"clientDataJSON":"e30","authenticatorData":"AA","signature":"AQ","userHandle":"Ag"}}""");
		assertThat(this.json.assertion(credential)).isPresent();
	}

	@Test
	void somethingThatIsNotACompleteCredentialIsEmptyNotAnError() {
		assertThat(this.json.assertion(this.mapper.readTree("""
				{"id":"AQID","rawId":"AQID","type":"public-key","clientExtensionResults":{},
				 "response":{"clientDataJSON":"e30","authenticatorData":"AA"}}"""))).isEmpty();
		assertThat(this.json.assertion(this.mapper.readTree("{\"rawId\":\"not base64url!\"}"))).isEmpty();
		assertThat(this.json.attestation(this.mapper.readTree("[1,2]"))).isEmpty();
		assertThat(this.json.attestation(this.mapper.readTree("{\"response\":{\"attestationObject\":7}}"))).isEmpty();
		assertThat(this.json.assertion(null)).isEmpty();
	}

}
