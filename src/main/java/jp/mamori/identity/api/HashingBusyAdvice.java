package jp.mamori.identity.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import jp.mamori.identity.credentials.HashingBusyException;
import jp.mamori.platform.web.Problems;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every request that needed a password hash while the hashing slots and their queue were full (sign-in,
 * registration, password changes, on the API and the pages) is answered at once {@code 503
 * sign-in-busy} with {@code Retry-After}, in the request's language. Security decision: the answer
 * depends on the node's load only, never on the account, so it tells nothing about who has one.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class HashingBusyAdvice {

	private final Problems problems;

	HashingBusyAdvice(Problems problems) {
		Assert.notNull(problems, "problems cannot be null");
		this.problems = problems;
	}

	@ExceptionHandler(HashingBusyException.class)
	void busy(HashingBusyException ex, HttpServletRequest request, HttpServletResponse response) {
		response.setHeader("Retry-After", Long.toString(ex.retryAfterSeconds()));
		response.setHeader("Cache-Control", "no-store");
		this.problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "sign-in-busy", ex.retryAfterSeconds());
	}

}
