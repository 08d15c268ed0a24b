package jp.mamori.platform.web;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.util.Assert;

/**
 * A CSRF token repository whose tokens are 32 random bytes in base64url instead of UUIDs. Security
 * decision: a UUID's decimal groups pass the Luhn check about once in two hundred, and the platform's
 * card-number guard rightly refuses any request whose headers (here: the token cookie) hold such a
 * number; a base64 token is as random and never looks like one.
 */
public final class RandomCsrfTokens implements CsrfTokenRepository {

	private final CsrfTokenRepository delegate;

	private final SecureRandom random = new SecureRandom();

	public RandomCsrfTokens(CsrfTokenRepository delegate) {
		Assert.notNull(delegate, "delegate cannot be null");
		this.delegate = delegate;
	}

	@Override
	public CsrfToken generateToken(HttpServletRequest request) {
		CsrfToken template = this.delegate.generateToken(request);
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return new DefaultCsrfToken(template.getHeaderName(), template.getParameterName(),
				Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
	}

	@Override
	public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
		this.delegate.saveToken(token, request, response);
	}

	@Override
	public CsrfToken loadToken(HttpServletRequest request) {
		return this.delegate.loadToken(request);
	}

}
