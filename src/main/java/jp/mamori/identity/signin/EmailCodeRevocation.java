package jp.mamori.identity.signin;

import jp.mamori.identity.account.CredentialsReplaced;

import org.springframework.context.event.EventListener;
import org.springframework.util.Assert;

/**
 * Voids the outstanding e-mail sign-in code when the account's password or e-mail address changes.
 * Security decision: the code was mailed to the address as it was before the change; it must not
 * sign in afterwards. The listener runs synchronously, in the transaction of the change, so the change
 * never commits with the code still usable. The account's budget of wrong codes is kept.
 */
final class EmailCodeRevocation {

	private final EmailCodeStore store;

	EmailCodeRevocation(EmailCodeStore store) {
		Assert.notNull(store, "store cannot be null");
		this.store = store;
	}

	@EventListener
	void credentialsReplaced(CredentialsReplaced replaced) {
		this.store.clearCode(replaced.account());
	}

}
