package jp.mamori.identity.credentials;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import jp.mamori.platform.web.Problems;

import org.springframework.http.HttpStatus;

/** The answers every sign-in path gives alike. */
public final class SignInAnswers {

	private SignInAnswers() {
	}

	/** 429 with {@code Retry-After}: the source address must wait before it tries again. */
	public static void retryLater(Problems problems, SignInResult.RetryLater later, HttpServletRequest request,
			HttpServletResponse response) {
		response.setHeader("Retry-After", Long.toString(later.seconds()));
		problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "sign-in-throttled", later.seconds());
	}

	/** 400: a solved bot check was needed and none was accepted. */
	public static void botCheckFailed(Problems problems, HttpServletRequest request, HttpServletResponse response) {
		response.setHeader("Cache-Control", "no-store");
		problems.write(request, response, HttpStatus.BAD_REQUEST, "bot-check-failed");
	}

}
