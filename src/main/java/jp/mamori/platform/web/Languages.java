package jp.mamori.platform.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.LocaleResolver;

/**
 * Mamori speaks Japanese and English. The request's {@code Accept-Language} chooses by RFC 4647
 * lookup; Japanese is the default for a Japanese shop, also when the header cannot be parsed.
 */
public final class Languages implements LocaleResolver {

	public static final List<Locale> SUPPORTED = List.of(Locale.JAPANESE, Locale.ENGLISH);

	/** @return Japanese or English, as the request prefers */
	public static Locale of(HttpServletRequest request) {
		String header = request.getHeader("Accept-Language");
		if (header == null || header.isBlank() || header.length() > 500) {
			return Locale.JAPANESE;
		}
		try {
			List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(header);
			Locale match = Locale.lookup(ranges, SUPPORTED);
			return (match != null && match.getLanguage().equals("en")) ? Locale.ENGLISH : Locale.JAPANESE;
		}
		catch (IllegalArgumentException ex) {
			// A malformed header is not worth an error of its own.
			return Locale.JAPANESE;
		}
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		return of(request);
	}

	@Override
	public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
		throw new UnsupportedOperationException("The language follows the Accept-Language header");
	}

}
