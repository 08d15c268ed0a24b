package jp.mamori.identity.botcheck;

import jp.mamori.identity.credentials.ClientSource;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Tells people from scripts on the forms an anonymous caller can use to make Mamori work or send mail:
 * registration, password reset, e-mail-code requests, and sign-in once an address has failed a few
 * times. The self-hosted proof of work ({@link AltchaBotCheck}) is the default; an operator may switch
 * to reCAPTCHA or Turnstile ({@link SiteVerifyBotCheck}) with {@code mamori.identity.bot-check.provider}.
 */
public interface BotCheck {

	/** The request header an API client sends its solution in; forms send {@link #formField()}. */
	String HEADER = "Bot-Check";

	/** @return the provider's name, as configured: {@code altcha}, {@code recaptcha} or {@code turnstile} */
	String provider();

	/** @return the form field the provider's widget fills in */
	String formField();

	/**
	 * @param solution what the client sent, as it sent it (may be anything)
	 * @param source where the request comes from
	 * @return whether the solution is valid; it never is twice, and malformed input is simply invalid
	 */
	boolean verify(String solution, ClientSource source);

	/** @return the solution in the request: the {@link #HEADER} header, else the form field; null if none */
	default String solutionIn(HttpServletRequest request) {
		String header = request.getHeader(HEADER);
		return (header != null) ? header : request.getParameter(formField());
	}

}
