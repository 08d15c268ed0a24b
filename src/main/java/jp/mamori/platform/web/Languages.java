package jp.mamori.platform.web;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/**
 * Mamori speaks Japanese and English. The request's {@code Accept-Language} chooses; Japanese is the
 * default for a Japanese shop.
 */
public final class Languages {

	public static final List<Locale> SUPPORTED = List.of(Locale.JAPANESE, Locale.ENGLISH);

	private static final AcceptHeaderLocaleResolver resolver = resolver();

	private Languages() {
	}

	static AcceptHeaderLocaleResolver resolver() {
		AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver();
		resolver.setSupportedLocales(SUPPORTED);
		resolver.setDefaultLocale(Locale.JAPANESE);
		return resolver;
	}

	/** @return Japanese or English, as the request prefers */
	public static Locale of(HttpServletRequest request) {
		try {
			Locale locale = resolver.resolveLocale(request);
			return Locale.ENGLISH.getLanguage().equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.JAPANESE;
		}
		catch (IllegalArgumentException ex) {
			// A malformed Accept-Language header is not worth an error of its own.
			return Locale.JAPANESE;
		}
	}

}
