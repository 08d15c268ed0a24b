package jp.mamori.platform.web;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The platform's CSRF rule, shared by every security chain: a request without cookies carries no
 * ambient authority a forged cross-site request could abuse, so only unsafe requests that send cookies
 * must prove they come from Mamori's own pages. Chains may require more (sign-in always does).
 */
public final class CsrfRules {

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private CsrfRules() {
	}

	/** @return whether the request must carry a CSRF token under the platform's rule */
	public static boolean cookiesNeedToken(HttpServletRequest request) {
		return !SAFE_METHODS.contains(request.getMethod()) && request.getHeader("Cookie") != null;
	}

	/** @return whether the request changes state (so that a chain's extra rules apply) */
	public static boolean isUnsafe(HttpServletRequest request) {
		return !SAFE_METHODS.contains(request.getMethod());
	}

}
