package jp.mamori.staff;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a staff endpoint needs, on its handler method.
 *
 * <p>Security decision: default deny. A handler under the staff paths without this annotation (or
 * {@code StaffSignInStep}) is refused to everyone, administrators included, by
 * the access interceptor; a test walks every handler to keep it so.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface StaffPermission {

	Permission value();

}
