package jp.mamori.identity.botcheck;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler that needs a solved bot check before it runs ({@link BotCheckInterceptor}). The
 * check happens before the body is read, before anything is looked up and before anything is written;
 * for a password sign-in ({@link When#IN_THE_SIGN_IN}) after the body is read and with the first
 * lookup, still before anything is hashed or written.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BotChecked {

	/** @return when the check is needed */
	When value() default When.ALWAYS;

	enum When {

		/** On every request. */
		ALWAYS,

		/**
		 * Once the caller's address has failed to sign in
		 * {@code mamori.identity.bot-check.free-sign-in-failures} times (counted whether the accounts
		 * exist or not, so the requirement says nothing about accounts).
		 */
		AFTER_SIGN_IN_FAILURES,

		/**
		 * As {@link #AFTER_SIGN_IN_FAILURES}, but checked by the sign-in itself, which reads the address's
		 * failures in the same statement as the account ({@code PasswordSignIn}) and throws
		 * {@link BotCheckRefusedException} before anything is hashed, counted or written; the handler
		 * answers it {@code 400 bot-check-failed}. The interceptor leaves these alone.
		 */
		IN_THE_SIGN_IN

	}

}
