package jp.mamori.platform.web;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers every response carries, error responses and refusals included. One place
 * writes them, so that the filter chain, the card-number guard and Tomcat's own error reports agree.
 */
public final class SecurityHeaders {

	/**
	 * No inline script or style anywhere: pages load their scripts and styles from this origin, so a
	 * nonce is not needed. Nothing may frame Mamori, and forms post only to it.
	 */
	public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
			+ "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests";

	public static final String PERMISSIONS_POLICY = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
			+ "magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()";

	private SecurityHeaders() {
	}

	/** Set the baseline headers on a response that has not been committed. */
	public static void apply(HttpServletResponse response) {
		if (response.isCommitted()) {
			return;
		}
		response.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
		response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
		response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
		response.setHeader("Cross-Origin-Resource-Policy", "same-origin");
		if (!response.containsHeader("Cache-Control")) {
			// Pages and answers may carry personal data; nothing is kept by browsers or proxies.
			response.setHeader("Cache-Control", "no-store");
		}
	}

}
