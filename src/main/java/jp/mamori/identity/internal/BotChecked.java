package jp.mamori.identity.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler that needs a solved bot check before it runs ({@link BotCheckInterceptor}). The
 * check happens before the body is read, before anything is looked up and before anything is written.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@interface BotChecked {

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
		AFTER_SIGN_IN_FAILURES

	}

}
