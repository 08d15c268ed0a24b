package jp.mamori.identity.account;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.SecretDigests;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * The secrets mailed to an account's owner and used once: the links of password resets and unlocks, and
 * the codes that confirm a registration. Each kind keeps its own table; this class makes the secret,
 * gives its stored form and expiry, and spends a stored link.
 *
 * <p>Security decisions:
 * <ul>
 * <li>A link carries 256 random bits, Base64url (not hex: a long run of digits can look like a card
 * number, which the card-number guard refuses before the token is read). Only its HMAC under identity's
 * key ({@link SecretDigests}, kept outside the database) is stored, so a copy of the database opens
 * nothing.</li>
 * <li>A code is six random digits, stored only as the HMAC of what it is bound to (a registration's
 * identifier) and the code, compared in constant time; its owner counts wrong tries. Without the key a
 * reader of the database cannot try the million codes against the stored form.</li>
 * <li>The key can rotate: a stored form names its key, and a link is looked up under every key still
 * configured. Forms stored before the key existed (a bare SHA-256) match nothing; those links and codes
 * live hours at most, and their owners ask for new ones.</li>
 * <li>A link is spent in one statement that both checks and spends it, so of two requests with the same
 * link exactly one gets the account. A link past its expiry is never accepted.</li>
 * <li>Table and column names come from the kinds' own constants, never from a request.</li>
 * <li>Neither a secret nor its stored form is logged, put into an event or printed.</li>
 * </ul>
 */
public final class MailedTokens {

	private static final SecureRandom random = new SecureRandom();

	private static final String LINK = "mamori.identity.mailed-link.v1";

	private static final String CODE = "mamori.identity.mailed-code.v1";

	/** How redeeming a mailed link ended; the same three answers for every kind. */
	public sealed interface Redemption {

		/** The link was good and is spent now. */
		record Redeemed(CustomerId account) implements Redemption {
		}

		/** Unknown, used, replaced or expired: one answer for all. */
		record Invalid() implements Redemption {
		}

		/** The source was throttled; nothing was looked up. */
		record RetryLater(Duration delay) implements Redemption {
		}

	}

	/** A new secret: to be mailed and forgotten; only {@code digest} and the times are stored. */
	record Issued(String token, byte[] digest, Instant issuedAt, Instant expiresAt) {

		@Override
		public String toString() {
			return "Issued[(withheld), expiresAt=" + this.expiresAt + "]";
		}

	}

	/**
	 * Where one kind of link is kept, one row per account ({@code account_id}).
	 * @param deleteOnUse whether spending deletes the row; otherwise it clears the digest and expiry,
	 * for a row that holds more than the link
	 */
	record Store(String table, String digestColumn, String expiryColumn, boolean deleteOnUse) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final SecretDigests digests;

	MailedTokens(JdbcClient jdbc, Clock clock, SecretDigests digests) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		Assert.notNull(digests, "digests cannot be null");
		this.jdbc = jdbc;
		this.clock = clock;
		this.digests = digests;
	}

	/** @return a new link's token, its digest, and its expiry {@code validity} from now */
	Issued issueLink(Duration validity) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = this.clock.instant();
		return new Issued(token, digest(token), now, now.plus(validity));
	}

	/** @return a new code bound to {@code binding}, its digest, and its expiry {@code validity} from now */
	Issued issueCode(UUID binding, Duration validity) {
		String code = String.format("%06d", random.nextInt(1_000_000));
		Instant now = this.clock.instant();
		return new Issued(code, codeDigest(binding, code), now, now.plus(validity));
	}

	/** @return the account whose link this is, if it is still valid; the link stays valid */
	Optional<CustomerId> find(Store store, String token) {
		for (byte[] digest : candidates(token)) {
			Optional<CustomerId> found = this.jdbc
				.sql("select account_id from " + store.table() + " where " + store.digestColumn() + " = ? and "
						+ store.expiryColumn() + " > ?")
				.params(digest, utc(this.clock.instant()))
				.query((rs, row) -> new CustomerId(rs.getObject(1, UUID.class)))
				.optional();
			if (found.isPresent()) {
				return found;
			}
		}
		return Optional.empty();
	}

	/**
	 * Spend a link under whichever configured key made it (the current key first, one statement per key).
	 * @return the account whose link this was, if it was still valid
	 */
	Optional<CustomerId> spend(Store store, String token) {
		for (byte[] digest : candidates(token)) {
			Optional<CustomerId> spent = spend(store, digest);
			if (spent.isPresent()) {
				return spent;
			}
		}
		return Optional.empty();
	}

	/**
	 * Spend a link: at most one caller gets its account. A store that deletes on use deletes an expired
	 * link it finds as well, and answers nothing for it.
	 * @return the account whose link this was, if it was still valid
	 */
	private Optional<CustomerId> spend(Store store, byte[] digest) {
		Instant now = this.clock.instant();
		if (store.deleteOnUse()) {
			record Found(UUID account, Instant expiresAt) {
			}
			return this.jdbc
				.sql("delete from " + store.table() + " where " + store.digestColumn() + " = ? returning account_id, "
						+ store.expiryColumn())
				.param(digest)
				.query((rs, row) -> new Found(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class).toInstant()))
				.optional()
				.filter((found) -> found.expiresAt().isAfter(now))
				.map((found) -> new CustomerId(found.account()));
		}
		return this.jdbc
			.sql("update " + store.table() + " set " + store.digestColumn() + " = null, " + store.expiryColumn()
					+ " = null where " + store.digestColumn() + " = ? and " + store.expiryColumn()
					+ " > ? returning account_id")
			.params(digest, utc(now))
			.query((rs, row) -> new CustomerId(rs.getObject(1, UUID.class)))
			.optional();
	}

	/** @return the stored form of a link's token under the current key */
	byte[] digest(String token) {
		return this.digests.digest(LINK, token.getBytes(StandardCharsets.UTF_8));
	}

	private List<byte[]> candidates(String token) {
		return this.digests.candidates(LINK, token.getBytes(StandardCharsets.UTF_8));
	}

	/** @return the stored form of a code bound to {@code binding}; surrounding spaces are not part of it */
	byte[] codeDigest(UUID binding, String code) {
		return this.digests.digest(CODE, binding.toString().getBytes(StandardCharsets.US_ASCII),
				code.trim().getBytes(StandardCharsets.UTF_8));
	}

	/** @return whether {@code code} is the one stored as {@code stored}, compared in constant time */
	boolean codeMatches(byte[] stored, UUID binding, String code) {
		return code != null && this.digests.matches(stored, CODE, binding.toString().getBytes(StandardCharsets.US_ASCII),
				code.trim().getBytes(StandardCharsets.UTF_8));
	}

	/** The attributes of an event about a link: the account (if known) and the source, never the token. */
	static Map<String, String> eventAttributes(CustomerId account, ClientSource source) {
		Map<String, String> attributes = new HashMap<>();
		if (account != null) {
			attributes.put("account_id", account.toString());
		}
		attributes.put("source_address", source.addressText());
		attributes.put("user_agent", source.userAgent());
		return attributes;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
