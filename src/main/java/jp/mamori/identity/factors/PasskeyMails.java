package jp.mamori.identity.factors;

import java.util.Locale;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.session.SignInNotices;

import org.springframework.util.Assert;

/**
 * The mail a customer gets when a passkey is added to or removed from the account: when (Japan time),
 * from which device and address. Someone who took over a session and added a passkey of their own
 * cannot do it unseen.
 *
 * <p>Security decisions: the mail never names the passkey (its label is the customer's own text and
 * sealed), and describes the device only by names from a fixed list (see {@link SignInNotices}). A
 * notice that cannot be sent does not undo the change; it is logged by mail identifier only.
 */
public final class PasskeyMails {

	/** What happened to a passkey. */
	public enum Change {

		ADDED("added"), REMOVED("removed");

		private final String key;

		Change(String key) {
			this.key = key;
		}

	}

	private final SignInNotices notices;

	PasskeyMails(SignInNotices notices) {
		Assert.notNull(notices, "notices cannot be null");
		this.notices = notices;
	}

	/** Mail the notice, if the account has a confirmed address. */
	public void changed(CustomerId account, Change change, ClientSource source, Locale locale) {
		this.notices.notify(account, "identity.passkey-notice", "mail.passkey." + change.key, source, locale);
	}

}
