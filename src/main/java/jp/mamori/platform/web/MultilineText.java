package jp.mamori.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a text field that may span lines: it may hold TAB, LF and CR (and U+2028, U+2029), which
 * every other text input refuses. Put it on a record component or field of a JSON body or form, or
 * on a {@code @RequestParam}. No field may hold any other control character, whatever it declares;
 * see {@link TextInput}.
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MultilineText {

}
