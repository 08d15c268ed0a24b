package jp.mamori.mail.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Present only while {@code mamori.mail.dev-mailbox} is true, its embedded default. With the mailbox off
 * nothing of it exists: no store, no pages, so {@code /dev/mailbox} answers 404.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnBooleanProperty(name = ConditionalOnDevMailbox.PROPERTY, matchIfMissing = true)
@interface ConditionalOnDevMailbox {

	String PROPERTY = "mamori.mail.dev-mailbox";

}
