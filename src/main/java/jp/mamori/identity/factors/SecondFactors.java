package jp.mamori.identity.factors;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.mamori.identity.CustomerId;

import org.springframework.util.Assert;

/**
 * The second factors an account has: a passkey, a TOTP authenticator, or both. Either one completes a
 * password sign-in, so a customer with a passkey and no TOTP still signs in with two factors.
 */
public final class SecondFactors implements SecondFactor {

	public static final String PASSKEY = "passkey";

	public static final String TOTP = "totp";

	private final TotpFactor totp;

	private final Passkeys passkeys;

	SecondFactors(TotpFactor totp, Passkeys passkeys) {
		Assert.notNull(totp, "totp cannot be null");
		Assert.notNull(passkeys, "passkeys cannot be null");
		this.totp = totp;
		this.passkeys = passkeys;
	}

	/**
	 * {@link #required} as an SQL condition, for a statement that reads it along with other things.
	 * @param accountId an SQL expression for the account's UUID
	 */
	public static String requiredFor(String accountId) {
		return "(" + TotpFactor.confirmedFor(accountId) + " or " + Passkeys.anyFor(accountId) + ")";
	}

	@Override
	public boolean required(CustomerId account) {
		return this.passkeys.count(account) > 0 || this.totp.required(account);
	}

	/**
	 * What a sign-in answers when a second step must follow: {@code next} is the one to offer first (a
	 * passkey when the account has one); {@code factors} lists every choice when there is more than one.
	 */
	public Map<String, Object> nextStep(CustomerId account) {
		List<String> factors = available(account);
		String first = factors.isEmpty() ? TOTP : factors.get(0);
		return (factors.size() > 1) ? Map.of("next", first, "factors", factors) : Map.of("next", first);
	}

	/** @return the account's second factors, the phishing-resistant passkey first */
	public List<String> available(CustomerId account) {
		List<String> factors = new ArrayList<>();
		if (this.passkeys.count(account) > 0) {
			factors.add(PASSKEY);
		}
		if (this.totp.required(account)) {
			factors.add(TOTP);
		}
		return factors;
	}

}
