package jp.mamori.identity.pages;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.util.Assert;

/**
 * The fields a page form refused, each with its reason in the page's language, shown next to the
 * field. Values are never repeated in a reason.
 */
final class FieldErrors {

	private final Map<String, String> messages = new LinkedHashMap<>();

	private final MessageSource source;

	private final Locale locale;

	FieldErrors(MessageSource source, Locale locale) {
		Assert.notNull(source, "source cannot be null");
		Assert.notNull(locale, "locale cannot be null");
		this.source = source;
		this.locale = locale;
	}

	/** Refuse {@code field} for the reason named by the message {@code code}; the first reason stays. */
	void reject(String field, String code, Object... arguments) {
		this.messages.putIfAbsent(field, this.source.getMessage(code, arguments, code, this.locale));
	}

	/**
	 * @return {@code value} if it is present and at most {@code max} characters long; otherwise the
	 * field is refused and {@code null} returned
	 */
	String required(String field, String value, int max) {
		if (value == null || value.isBlank()) {
			reject(field, "problem.field.required");
			return null;
		}
		if (value.length() > max) {
			reject(field, "problem.field.Size", 1, max);
			return null;
		}
		return value;
	}

	boolean isEmpty() {
		return this.messages.isEmpty();
	}

	/** @return field name to reason, for the page's {@code errors} */
	Map<String, String> asMap() {
		return Map.copyOf(this.messages);
	}

}
