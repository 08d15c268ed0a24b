package jp.mamori.identity.account;

import java.time.Clock;

import jp.mamori.identity.CustomerAccounts;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.UserIdUnavailableException;
import jp.mamori.identity.credentials.PasswordHasher;
import jp.mamori.identity.credentials.PasswordPolicy;
import jp.mamori.identity.credentials.UserIds;

import org.springframework.util.Assert;

/** Creates accounts: the user ID is validated, the password checked by the policy, then hashed. */
public final class CustomerAccountService implements CustomerAccounts {

	private final CustomerAccountRepository accounts;

	private final PasswordPolicy policy;

	private final PasswordHasher hasher;

	private final Clock clock;

	public CustomerAccountService(CustomerAccountRepository accounts, PasswordPolicy policy, PasswordHasher hasher,
			Clock clock) {
		Assert.notNull(accounts, "accounts cannot be null");
		Assert.notNull(policy, "policy cannot be null");
		Assert.notNull(hasher, "hasher cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.accounts = accounts;
		this.policy = policy;
		this.hasher = hasher;
		this.clock = clock;
	}

	@Override
	public CustomerId create(String userId, String password) {
		String normalized = UserIds.validate(userId);
		Assert.notNull(password, "password cannot be null");
		var refusal = this.policy.check(password, PasswordPolicy.Context.of(normalized));
		if (refusal.isPresent()) {
			throw refusal.get();
		}
		CustomerId id = CustomerId.random();
		if (!this.accounts.insert(id, normalized, UserIds.key(normalized), this.hasher.hash(password),
				this.clock.instant())) {
			throw new UserIdUnavailableException();
		}
		return id;
	}

}
