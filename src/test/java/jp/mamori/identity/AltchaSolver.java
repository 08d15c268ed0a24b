package jp.mamori.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import jp.mamori.identity.botcheck.AltchaBotCheck;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Solves ALTCHA challenges the way the widget does: tries counters from 0 until the derived key starts
 * with the challenge's prefix, then sends the challenge back with the counter, Base64-encoded JSON.
 */
public final class AltchaSolver {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HexFormat hex = HexFormat.of();

	private AltchaSolver() {
	}

	/** @return the payload for a challenge as the API hands it out (JSON text) */
	public static String solve(String challengeJson) {
		JsonNode challenge = json.readTree(challengeJson);
		JsonNode parameters = challenge.path("parameters");
		byte[] salt = hex.parseHex(parameters.path("salt").asString());
		byte[] nonce = hex.parseHex(parameters.path("nonce").asString());
		String prefix = parameters.path("keyPrefix").asString();
		for (int counter = 0; counter >= 0; counter++) {
			String derived = hex.formatHex(AltchaBotCheck.derive(salt, nonce, counter));
			if (derived.startsWith(prefix)) {
				return payload(challenge, counter, derived);
			}
		}
		throw new IllegalStateException("No counter solves this challenge");
	}

	/** @return a payload for the challenge with any counter (right or wrong) */
	public static String payload(JsonNode challenge, int counter, String derivedKey) {
		Map<String, Object> solution = new LinkedHashMap<>();
		solution.put("counter", counter);
		solution.put("derivedKey", derivedKey);
		solution.put("time", 12.5);
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("challenge", challenge);
		payload.put("solution", solution);
		return Base64.getEncoder().encodeToString(json.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8));
	}

}
