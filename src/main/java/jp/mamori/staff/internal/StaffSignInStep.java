package jp.mamori.staff.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a staff handler that must be reachable without a staff session: a step of signing in,
 * setting up an account, or signing out. Each such handler checks on its own what its step needs.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface StaffSignInStep {

}
