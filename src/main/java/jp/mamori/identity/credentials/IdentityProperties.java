package jp.mamori.identity.credentials;

import java.net.URI;
import java.time.Duration;
import java.util.List;


import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * Settings of the identity module, bound from {@code mamori.identity.*}; see docs/identity.md.
 *
 * @param argon2 the cost of password hashes
 * @param passwords the password policy
 * @param lockout when an account stops accepting passwords, and for how long
 * @param throttle growing delays per source address and network
 * @param session customers' sessions
 * @param passkeys the WebAuthn relying party customers' passkeys belong to
 * @param publicBaseUrl where customers reach Mamori, for links in mails (e.g. the unlock link)
 * @param notices how sign-in notices are mailed
 * @param inFlight how many password sign-ins may be evaluated at once per user ID and per network
 */
@ConfigurationProperties("mamori.identity")
public record IdentityProperties(@DefaultValue Argon2 argon2, @DefaultValue Passwords passwords,
		@DefaultValue Lockout lockout, @DefaultValue Throttle throttle, @DefaultValue Session session,
		@DefaultValue Passkeys passkeys,
		@DefaultValue("https://localhost:8443") URI publicBaseUrl, @DefaultValue Notices notices,
		@DefaultValue InFlight inFlight) {

	public IdentityProperties {
		Assert.isTrue(publicBaseUrl.isAbsolute() && publicBaseUrl.getRawQuery() == null
				&& publicBaseUrl.getRawFragment() == null, "mamori.identity.public-base-url must be an absolute URL");
	}

	/**
	 * Argon2id cost. The floor is OWASP's (m = 19 MiB, t = 2, p = 1): a lower setting is refused at
	 * start, so a typo cannot quietly weaken every new hash.
	 * @param memoryKib memory in KiB
	 * @param iterations passes over the memory
	 * @param parallelism lanes
	 * @param maxConcurrent hashes computed at once (each holds {@code memoryKib} and a thread of its own);
	 * 0 means one per processor, so that each runs at full speed and the rest wait their turn
	 * @param maxQueued hashes that may wait for a slot besides those being computed; one more is refused
	 * ({@code 503} with {@code Retry-After}) instead of making every sign-in wait behind a flood
	 * @param queueWait how long a hash may wait for room in that queue before it is refused
	 */
	public record Argon2(@DefaultValue("19456") int memoryKib, @DefaultValue("2") int iterations,
			@DefaultValue("1") int parallelism, @DefaultValue("0") int maxConcurrent,
			@DefaultValue("16") int maxQueued, @DefaultValue("250ms") Duration queueWait) {

		@ConstructorBinding
		public Argon2 {
			Assert.isTrue(memoryKib >= 19456, "mamori.identity.argon2.memory-kib must be at least 19456 (19 MiB)");
			Assert.isTrue(iterations >= 2, "mamori.identity.argon2.iterations must be at least 2");
			Assert.isTrue(parallelism >= 1, "mamori.identity.argon2.parallelism must be at least 1");
			Assert.isTrue(maxConcurrent >= 0, "mamori.identity.argon2.max-concurrent cannot be negative");
			Assert.isTrue(maxQueued >= 0, "mamori.identity.argon2.max-queued cannot be negative");
			Assert.isTrue(!queueWait.isNegative() && queueWait.compareTo(Duration.ofSeconds(10)) <= 0,
					"mamori.identity.argon2.queue-wait must be between 0 and 10s");
		}

		/** The given cost with the default queue. */
		public Argon2(int memoryKib, int iterations, int parallelism, int maxConcurrent) {
			this(memoryKib, iterations, parallelism, maxConcurrent, 16, Duration.ofMillis(250));
		}

	}

	/**
	 * @param minLength fewest characters (code points after NFKC); NIST SP 800-63B asks for 8, Mamori 12
	 * @param maxLength most characters; at least 64 so that passphrases fit
	 * @param minScore lowest zxcvbn score (0–4) accepted
	 */
	public record Passwords(@DefaultValue("12") int minLength, @DefaultValue("256") int maxLength,
			@DefaultValue("3") int minScore) {

		public Passwords {
			Assert.isTrue(minLength >= 8, "mamori.identity.passwords.min-length must be at least 8");
			Assert.isTrue(maxLength >= 64 && maxLength >= minLength,
					"mamori.identity.passwords.max-length must be at least 64");
			Assert.isTrue(minScore >= 0 && minScore <= 4, "mamori.identity.passwords.min-score must be 0 to 4");
		}

	}

	/**
	 * @param threshold consecutive failed passwords that lock the account
	 * @param firstDuration the first lockout; each further one doubles
	 * @param maxDuration the longest lockout; nothing locks longer, so no lockout is permanent
	 */
	public record Lockout(@DefaultValue("10") int threshold, @DefaultValue("15m") Duration firstDuration,
			@DefaultValue("24h") Duration maxDuration) {

		public Lockout {
			Assert.isTrue(threshold >= 3, "mamori.identity.lockout.threshold must be at least 3");
			Assert.isTrue(firstDuration.isPositive() && maxDuration.compareTo(firstDuration) >= 0
					&& maxDuration.compareTo(Duration.ofDays(1)) <= 0,
					"mamori.identity.lockout durations must be positive and at most a day");
		}

	}

	/**
	 * Password sign-ins counted before their hash and given back after it (table
	 * {@code identity_sign_in_in_flight}), so that a parallel burst buys no more guesses than attempts
	 * one after another. Security decision: the cap per user ID counts the typed user ID, known or not,
	 * so that its answer ({@code 429}) tells nothing about which accounts exist.
	 * @param perAccount attempts evaluated at once for one user ID
	 * @param perNetwork attempts evaluated at once from one /24 (IPv4) or /48 (IPv6) network
	 * @param forgetAfter a count that has not gone up for this long starts again (a stopped node's count)
	 */
	public record InFlight(@DefaultValue("3") int perAccount, @DefaultValue("20") int perNetwork,
			@DefaultValue("1m") Duration forgetAfter) {

		public InFlight {
			Assert.isTrue(perAccount >= 1 && perNetwork >= perAccount,
					"mamori.identity.in-flight caps must be positive, the network's no smaller");
			Assert.isTrue(forgetAfter.compareTo(Duration.ofSeconds(30)) >= 0,
					"mamori.identity.in-flight.forget-after must be at least 30s");
		}

	}

	/**
	 * @param addressFreeFailures failures from one address before delays begin
	 * @param networkFreeFailures failures from one /24 (IPv4) or /64 (IPv6) before delays begin
	 * @param firstDelay the first delay; each further failure doubles it
	 * @param maxDelay the longest delay
	 * @param forgetAfter a source's failures are forgotten after this long without one
	 */
	public record Throttle(@DefaultValue("5") int addressFreeFailures, @DefaultValue("50") int networkFreeFailures,
			@DefaultValue("1s") Duration firstDelay, @DefaultValue("15m") Duration maxDelay,
			@DefaultValue("1h") Duration forgetAfter) {

		public Throttle {
			Assert.isTrue(addressFreeFailures >= 1 && networkFreeFailures >= addressFreeFailures,
					"mamori.identity.throttle free failures must be positive, the network's no fewer");
			Assert.isTrue(firstDelay.isPositive() && maxDelay.compareTo(firstDelay) >= 0,
					"mamori.identity.throttle delays must be positive");
		}

	}

	/**
	 * @param customerIdleTimeout a customer's session ends after this long without a request
	 * @param customerCookie the customer session cookie's name
	 * @param staffIdleTimeout a staff session ends after this long without a request
	 * @param staffAbsoluteTimeout a staff session ends this long after sign-in, however busy
	 * @param staffCookie the staff session cookie's name (sent for {@code /api/v1/staff/**} and
	 * {@code /console/**})
	 * @param customerAbsoluteTimeout a customer's session ends this long after sign-in, however active
	 */
	/** The cookie-name prefix that binds a cookie to this host: Secure, Path=/, no Domain. */
	public static final String HOST_PREFIX = "__Host-";

	public record Session(@DefaultValue("30m") Duration customerIdleTimeout,
			@DefaultValue("__Host-MAMORI_SESSION") String customerCookie,
			@DefaultValue("15m") Duration staffIdleTimeout,
			@DefaultValue("12h") Duration staffAbsoluteTimeout,
			@DefaultValue("__Host-MAMORI_STAFF_SESSION") String staffCookie,
			@DefaultValue("7d") Duration customerAbsoluteTimeout) {

		public Session {
			Assert.isTrue(customerAbsoluteTimeout.compareTo(customerIdleTimeout) >= 0,
					"mamori.identity.session.customer-absolute-timeout must be at least the idle timeout");
			Assert.isTrue(customerIdleTimeout.isPositive(), "mamori.identity.session.customer-idle-timeout must be positive");
			Assert.hasText(customerCookie, "mamori.identity.session.customer-cookie cannot be empty");
			// Security decision: a __Host- cookie is accepted by browsers only Secure, with Path=/ and no
			// Domain, so a sibling subdomain cannot plant or overwrite the session cookie (session fixation).
			Assert.isTrue(customerCookie.startsWith(HOST_PREFIX) && staffCookie.startsWith(HOST_PREFIX),
					"mamori.identity.session.customer-cookie and staff-cookie must start with " + HOST_PREFIX);
			Assert.isTrue(staffIdleTimeout.isPositive() && staffAbsoluteTimeout.compareTo(staffIdleTimeout) >= 0,
					"mamori.identity.session.staff-idle-timeout must be positive and the absolute timeout no shorter");
			Assert.isTrue(staffCookie != null && !staffCookie.equals(customerCookie),
					"mamori.identity.session.staff-cookie must differ from the customer cookie");
		}

	}

	/**
	 * Security decision: a passkey answers only for this relying party ID and these origins, so a
	 * look-alike site cannot use an assertion it relays.
	 * @param rpId the relying party ID: the site's registrable domain, e.g. {@code shop.example.jp}
	 * @param rpName the name an authenticator may show
	 * @param allowedOrigins the exact origins ({@code https://host[:port]}) pages may sign in from
	 */
	public record Passkeys(@DefaultValue("localhost") String rpId, @DefaultValue("Mamori") String rpName,
			@DefaultValue("https://localhost:8443") List<String> allowedOrigins) {

		public Passkeys {
			Assert.hasText(rpId, "mamori.identity.passkeys.rp-id cannot be empty");
			Assert.hasText(rpName, "mamori.identity.passkeys.rp-name cannot be empty");
			Assert.notEmpty(allowedOrigins, "mamori.identity.passkeys.allowed-origins cannot be empty");
			allowedOrigins = List.copyOf(allowedOrigins);
		}

	}

	/**
	 * Sign-in notices (the outbox in {@code identity.session}).
	 * @param delivery {@code background} (the sign-in answers first and the notice follows at once), or
	 * {@code in-request} (the sign-in answers once its notice was handed to the mail server; slower)
	 */
	public record Notices(@DefaultValue("background") Delivery delivery) {

	}

	/** Where queued notices are mailed. */
	public enum Delivery {

		/** On a thread of the outbox's own, right after the sign-in commits; the sign-in does not wait. */
		BACKGROUND,

		/** In the request's thread, after the sign-in commits and before it answers: slower sign-ins. */
		IN_REQUEST

	}

}
