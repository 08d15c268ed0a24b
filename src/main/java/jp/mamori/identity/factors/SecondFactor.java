package jp.mamori.identity.factors;

import jp.mamori.identity.CustomerId;

/** Whether a customer's right password must be followed by a second factor before a session opens. */
public interface SecondFactor {

	/** A sign-in for an account that never asks for more than the password. */
	SecondFactor NONE = (account) -> false;

	boolean required(CustomerId account);

}
