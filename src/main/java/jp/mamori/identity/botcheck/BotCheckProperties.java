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
 */
@ConfigurationProperties("mamori.identity.bot-check")
record BotCheckProperties(@DefaultValue("altcha") String provider, @DefaultValue("100000") int maxNumber,
		@DefaultValue("10m") Duration validity, @DefaultValue("3") int freeSignInFailures,
		@DefaultValue("") String siteKey, @DefaultValue("") String secret, @DefaultValue("") String verifyUrl) {

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
