package jp.mamori.identity.botcheck;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jp.mamori.identity.credentials.ClientSource;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * The self-hosted bot check: an ALTCHA proof of work (the challenge format of the ALTCHA widget 3). The
 * server draws a secret counter, derives {@code SHA-256(salt ‖ nonce ‖ counter)} and hands out the first
 * half of that digest with a signature; the client finds the counter by trying them in turn and sends it
 * back. Verifying costs one hash and one HMAC.
 *
 * <p>Security decisions:
 * <ul>
 * <li>Challenges are signed (HMAC-SHA256) with a key kept in the database, so that every node accepts
 * what any node issued. The key guards only against forged challenges; deleting its row replaces it.</li>
 * <li>A solution is good once: its signature is recorded until the challenge expires, in PostgreSQL so
 * that no node accepts it again.</li>
 * <li>Only the parameters Mamori issues are accepted (algorithm, cost and key length are fixed), so a
 * client cannot pick an easier puzzle; malformed input is an invalid solution, never an error.</li>
 * </ul>
 */
public final class AltchaBotCheck implements BotCheck {

	static final String ALGORITHM = "SHA-256";

	private static final int KEY_LENGTH = 32;

	private static final int MAX_SOLUTION_LENGTH = 4096;

	private static final Set<String> PARAMETERS = Set.of("algorithm", "cost", "expiresAt", "keyLength", "keyPrefix",
			"nonce", "salt");

	private static final HexFormat hex = HexFormat.of();

	private final JdbcClient jdbc;

	private final BotCheckProperties settings;

	private final Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	private final SecureRandom random = new SecureRandom();

	private volatile SecretKeySpec key;

	AltchaBotCheck(JdbcClient jdbc, BotCheckProperties settings, Clock clock) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(settings, "settings cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jdbc = jdbc;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public String provider() {
		return "altcha";
	}

	@Override
	public String formField() {
		return "altcha";
	}

	/** @return a new challenge as the widget expects it: {@code {parameters: {...}, signature}} */
	Map<String, Object> challenge() {
		byte[] salt = new byte[16];
		byte[] nonce = new byte[16];
		this.random.nextBytes(salt);
		this.random.nextBytes(nonce);
		int counter = this.random.nextInt(this.settings.maxNumber() + 1);
		byte[] derived = derive(salt, nonce, counter);
		Map<String, Object> parameters = new TreeMap<>();
		parameters.put("algorithm", ALGORITHM);
		parameters.put("cost", 1);
		parameters.put("expiresAt", this.clock.instant().plus(this.settings.validity()).getEpochSecond());
		parameters.put("keyLength", KEY_LENGTH);
		parameters.put("keyPrefix", hex.formatHex(derived, 0, KEY_LENGTH / 2));
		parameters.put("nonce", hex.formatHex(nonce));
		parameters.put("salt", hex.formatHex(salt));
		Map<String, Object> challenge = new LinkedHashMap<>();
		challenge.put("parameters", parameters);
		challenge.put("signature", hex.formatHex(sign(parameters)));
		return challenge;
	}

	@Override
	public boolean verify(String solution, ClientSource source) {
		if (solution == null || solution.isEmpty() || solution.length() > MAX_SOLUTION_LENGTH) {
			return false;
		}
		try {
			JsonNode payload = this.json.readTree(Base64.getDecoder().decode(solution.strip()));
			JsonNode challenge = payload.path("challenge");
			Map<String, Object> parameters = parameters(challenge.path("parameters"));
			if (parameters == null || !challenge.path("signature").isString()) {
				return false;
			}
			byte[] signature = hex.parseHex(challenge.path("signature").asString());
			if (!MessageDigest.isEqual(signature, sign(parameters))) {
				return false;
			}
			Instant expiresAt = Instant.ofEpochSecond((Long) parameters.get("expiresAt"));
			if (!this.clock.instant().isBefore(expiresAt)) {
				return false;
			}
			JsonNode counter = payload.path("solution").path("counter");
			if (!counter.canConvertToInt() || !counter.isIntegralNumber() || counter.asInt() < 0) {
				return false;
			}
			byte[] derived = derive(hex.parseHex((String) parameters.get("salt")),
					hex.parseHex((String) parameters.get("nonce")), counter.asInt());
			if (!hex.formatHex(derived).startsWith((String) parameters.get("keyPrefix"))) {
				return false;
			}
			return spend(signature, expiresAt);
		}
		catch (IllegalArgumentException | JacksonException ex) {
			// Not Base64, not JSON, not hexadecimal: not a solution.
			return false;
		}
	}

	/** @return the parameters if they are exactly what Mamori issues, else null */
	private Map<String, Object> parameters(JsonNode node) {
		if (!node.isObject()) {
			return null;
		}
		Set<String> names = new TreeSet<>();
		for (Iterator<String> it = node.propertyNames().iterator(); it.hasNext();) {
			names.add(it.next());
		}
		if (!names.equals(PARAMETERS) || !ALGORITHM.equals(node.path("algorithm").asString(""))
				|| !node.path("cost").isIntegralNumber() || node.path("cost").asLong() != 1
				|| !node.path("keyLength").isIntegralNumber() || node.path("keyLength").asLong() != KEY_LENGTH
				|| !node.path("expiresAt").isIntegralNumber() || !hexText(node.path("keyPrefix"), KEY_LENGTH)
				|| !hexText(node.path("nonce"), 32) || !hexText(node.path("salt"), 32)) {
			return null;
		}
		Map<String, Object> parameters = new TreeMap<>();
		parameters.put("algorithm", ALGORITHM);
		parameters.put("cost", 1);
		parameters.put("expiresAt", node.path("expiresAt").asLong());
		parameters.put("keyLength", KEY_LENGTH);
		parameters.put("keyPrefix", node.path("keyPrefix").asString());
		parameters.put("nonce", node.path("nonce").asString());
		parameters.put("salt", node.path("salt").asString());
		return parameters;
	}

	private static boolean hexText(JsonNode node, int length) {
		return node.isString() && node.asString().length() == length && node.asString().chars()
			.allMatch((c) -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
	}

	/** The widget's derivation with cost 1: SHA-256 of salt, nonce and the counter (4 bytes, big-endian). */
	public static byte[] derive(byte[] salt, byte[] nonce, int counter) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update(salt);
			sha256.update(nonce);
			sha256.update(ByteBuffer.allocate(4).putInt(counter).array());
			return sha256.digest();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** HMAC over the parameters as compact JSON with sorted keys. */
	private byte[] sign(Map<String, Object> parameters) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key());
			return mac.doFinal(this.json.writeValueAsString(new TreeMap<>(parameters)).getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private boolean spend(byte[] signature, Instant expiresAt) {
		byte[] digest;
		try {
			digest = MessageDigest.getInstance("SHA-256").digest(signature);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		return this.jdbc.sql("""
				insert into identity_bot_check_spent (signature_hash, expires_at) values (?, ?)
				on conflict (signature_hash) do nothing""")
			.params(digest, Timestamp.from(expiresAt))
			.update() == 1;
	}

	/** Forget solutions whose challenges have expired: they could not be used again anyway. */
	int purgeSpent() {
		return this.jdbc.sql("delete from identity_bot_check_spent where expires_at < ?")
			.param(Timestamp.from(this.clock.instant()))
			.update();
	}

	private SecretKeySpec key() {
		SecretKeySpec key = this.key;
		if (key == null) {
			byte[] candidate = new byte[32];
			this.random.nextBytes(candidate);
			this.jdbc.sql("insert into identity_bot_check_key (id, hmac_key) values (1, ?) on conflict (id) do nothing")
				.param(candidate)
				.update();
			byte[] stored = this.jdbc.sql("select hmac_key from identity_bot_check_key where id = 1")
				.query(byte[].class)
				.single();
			key = new SecretKeySpec(stored, "HmacSHA256");
			this.key = key;
		}
		return key;
	}

}
