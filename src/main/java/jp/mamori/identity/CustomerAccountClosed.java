package jp.mamori.identity;

import org.springframework.util.Assert;

/**
 * A customer closed their account: identity's rows are gone and the customer's key is destroyed, so
 * every value sealed for them is unreadable. Other modules follow with their own data (retention).
 *
 * @param customer the closed account
 */
public record CustomerAccountClosed(CustomerId customer) {

	public CustomerAccountClosed {
		Assert.notNull(customer, "customer cannot be null");
	}

}
