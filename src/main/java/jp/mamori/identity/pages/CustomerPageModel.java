package jp.mamori.identity.pages;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jp.mamori.identity.credentials.SessionAuthentication;

import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What the shared layout shows on every customer page: whether someone is signed in (for the header)
 * and the notice a redirect asked for ({@code ?notice=signed-out}).
 *
 * <p>Security decision: a notice is named, never written, in the address: only the name of a message
 * in the {@code page.notice.*} bundle is shown, so a crafted link cannot put its own words on a page.
 * Notices travel in the address rather than in the session so that anonymous visitors get no session.
 */
@ControllerAdvice(assignableTypes = CustomerPage.class)
final class CustomerPageModel {

	private static final Pattern NOTICE = Pattern.compile("[a-z-]{1,40}");

	private final MessageSource messages;

	CustomerPageModel(MessageSource messages) {
		this.messages = messages;
	}

	@ModelAttribute("notice")
	String notice(@RequestParam(name = "notice", required = false) String notice, Locale locale) {
		if (notice == null || !NOTICE.matcher(notice).matches()) {
			return null;
		}
		return this.messages.getMessage("page.notice." + notice, null, null, locale);
	}

	/** No field refused yet; a page that refuses some replaces this. */
	@ModelAttribute("errors")
	Map<String, String> errors() {
		return Map.of();
	}

	@ModelAttribute("signedIn")
	boolean signedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication != null && authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> SessionAuthentication.CUSTOMER.equals(authority.getAuthority()));
	}

}
