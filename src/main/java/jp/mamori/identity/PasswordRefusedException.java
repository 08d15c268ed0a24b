package jp.mamori.identity;

import java.util.Arrays;

import org.springframework.util.Assert;

/**
 * The password policy refused a password. The reason is a message code with its arguments, so that
 * the refusal can be told to the customer in Japanese or English; neither ever contains the password.
 */
public final class PasswordRefusedException extends RuntimeException {

	private final String messageCode;

	private final transient Object[] arguments;

	public PasswordRefusedException(String messageCode, Object... arguments) {
		super("Password refused: " + messageCode);
		Assert.hasText(messageCode, "messageCode cannot be empty");
		this.messageCode = messageCode;
		this.arguments = arguments.clone();
	}

	/** @return the message-bundle code that says why, e.g. {@code identity.password.too-short} */
	public String messageCode() {
		return this.messageCode;
	}

	/** @return the arguments of the message, e.g. the minimum length */
	public Object[] arguments() {
		return Arrays.copyOf(this.arguments, this.arguments.length);
	}

}
