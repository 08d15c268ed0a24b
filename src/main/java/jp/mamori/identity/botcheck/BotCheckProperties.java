package jp.mamori.identity.botcheck;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.Assert;

/**
 * Settings of the bot check, bound from {@code mamori.identity.bot-check.*}; see docs/identity.md.
 *
 * @param provider {@code altcha} (self-hosted proof of work, the default), {@code recaptcha} or
 * {@code turnstile}
 * @param maxNumber ALTCHA: the secret counter is drawn from 0 to this; a browser tries half of it on
 * average (one SHA-256 each), so the default costs a person well under a second and a script the same
 * for every request
 * @param validity ALTCHA: how long a challenge may be solved and used
 * @param freeSignInFailures failed sign-ins from one address before sign-ins from it need the check
 * @param siteKey reCAPTCHA/Turnstile: the public key the widget shows
 * @param secret reCAPTCHA/Turnstile: the secret for their verification service
 * @param verifyUrl reCAPTCHA/Turnstile: the verification service; empty means the provider's own
 * @param hostname reCAPTCHA/Turnstile: the host the widget must have been solved on (required): a token
 * solved on another site with the same keys, or bought from a solving farm's page, is refused
 * @param action reCAPTCHA/Turnstile: the action Mamori's widgets declare; an answer naming another
 * action is refused (reCAPTCHA v3 must name it)
 * @param minScore reCAPTCHA v3: the lowest score (0.0 bot … 1.0 person) accepted
 */
@ConfigurationProperties("mamori.identity.bot-check")
record BotCheckProperties(@DefaultValue("altcha") String provider, @DefaultValue("100000") int maxNumber,
		@DefaultValue("10m") Duration validity, @DefaultValue("3") int freeSignInFailures,
		@DefaultValue("") String siteKey, @DefaultValue("") String secret, @DefaultValue("") String verifyUrl,
		@DefaultValue("") String hostname, @DefaultValue("mamori") String action,
		@DefaultValue("0.5") double minScore) {

	static final String RECAPTCHA_VERIFY_URL = "https://www.google.com/recaptcha/api/siteverify";

	static final String TURNSTILE_VERIFY_URL = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

	BotCheckProperties {
		Assert.isTrue(provider.equals("altcha") || provider.equals("recaptcha") || provider.equals("turnstile"),
				"mamori.identity.bot-check.provider must be altcha, recaptcha or turnstile");
		Assert.isTrue(maxNumber >= 1, "mamori.identity.bot-check.max-number must be positive");
		Assert.isTrue(validity.isPositive(), "mamori.identity.bot-check.validity must be positive");
		Assert.isTrue(freeSignInFailures >= 0, "mamori.identity.bot-check.free-sign-in-failures cannot be negative");
		if (!provider.equals("altcha")) {
			Assert.hasText(siteKey, "mamori.identity.bot-check.site-key is needed for " + provider);
			Assert.hasText(secret, "mamori.identity.bot-check.secret is needed for " + provider);
			Assert.hasText(hostname, "mamori.identity.bot-check.hostname is needed for " + provider);
			Assert.hasText(action, "mamori.identity.bot-check.action cannot be empty");
			Assert.isTrue(minScore >= 0.0 && minScore <= 1.0, "mamori.identity.bot-check.min-score must be between 0 and 1");
		}
	}

	/** @return where reCAPTCHA or Turnstile tokens are checked */
	String effectiveVerifyUrl() {
		if (!this.verifyUrl.isEmpty()) {
			return this.verifyUrl;
		}
		return this.provider.equals("recaptcha") ? RECAPTCHA_VERIFY_URL : TURNSTILE_VERIFY_URL;
	}

}
