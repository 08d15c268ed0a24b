package jp.mamori.identity.factors;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jp.mamori.identity.IdentitySecurityEvents;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.TotpSecrets;
import jp.mamori.identity.session.CustomerSessions;
import jp.mamori.identity.session.SignInNotices;
import jp.mamori.platform.SecurityEvents;

import org.springframework.util.Assert;

/**
 * A signed-in customer turns TOTP on or off, as the JSON API and the pages both do it: the factor
 * changes, the security event that tells of it and a notice to the customer's address, together
 * (someone who took over a session cannot add or remove a factor unseen). Callers check that the sign-in is fresh
 * (see {@link CustomerSessions#signedInRecently}) before they come here.
 */
public final class TotpEnrolments {

	private final TotpFactor totp;

	private final SecurityEvents events;

	private final SignInNotices notices;

	TotpEnrolments(TotpFactor totp, SecurityEvents events, SignInNotices notices) {
		Assert.notNull(totp, "totp cannot be null");
		Assert.notNull(events, "events cannot be null");
		Assert.notNull(notices, "notices cannot be null");
		this.totp = totp;
		this.events = events;
		this.notices = notices;
	}

	/** @return a new secret for the authenticator, or empty if the account already has active TOTP */
	public Optional<TotpSecrets.Enrolment> start(CustomerId account) {
		return this.totp.start(account);
	}

	/** @return the enrolment started and not yet confirmed, if there is one */
	public Optional<TotpSecrets.Enrolment> pending(CustomerId account) {
		return this.totp.pending(account);
	}

	/** @return the recovery codes, shown once, or empty if the code was wrong */
	public Optional<List<String>> confirm(CustomerId account, String code, ClientSource source, Locale locale) {
		var recoveryCodes = this.totp.confirm(account, code);
		recoveryCodes.ifPresent((codes) -> {
			this.events.publish(IdentitySecurityEvents.MFA_ENROLLED, attributes(account, source));
			this.notices.notify(account, "identity.mfa-notice", "mail.totp.added", source, locale);
		});
		return recoveryCodes;
	}

	/** Turn TOTP off; the event is published only if there was something to turn off. */
	public void remove(CustomerId account, ClientSource source, Locale locale) {
		if (this.totp.remove(account)) {
			this.events.publish(IdentitySecurityEvents.MFA_REMOVED, attributes(account, source));
			this.notices.notify(account, "identity.mfa-notice", "mail.totp.removed", source, locale);
		}
	}

	/** @return whether the account has confirmed TOTP */
	public boolean enabled(CustomerId account) {
		return this.totp.required(account);
	}

	private static Map<String, String> attributes(CustomerId account, ClientSource source) {
		Map<String, String> attributes = new HashMap<>();
		attributes.put("account_id", account.toString());
		attributes.put("factor", "totp");
		attributes.put("source_address", source.addressText());
		attributes.put("user_agent", source.userAgent());
		return attributes;
	}

}
