package jp.mamori.identity.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import jp.mamori.identity.credentials.SignInAnswers;
import jp.mamori.identity.credentials.SignInResult;
import jp.mamori.identity.factors.SecondFactors;
import jp.mamori.identity.session.CustomerSessions;
import jp.mamori.platform.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;

/**
 * The one mapping of a sign-in's result to the API's answer, for every way in (password, e-mail code,
 * TOTP, passkey): the session, the next factor, a forced reset, a wait, or the path's one refusal.
 *
 * <p>Security decision: every refusal of a path is the same answer ({@code 401} with the path's problem
 * type), whatever the reason, so that the answer never tells an attacker whether an account exists, is
 * locked or had the right password.
 */
final class SignInResponses {

	private final CustomerSessions sessions;

	private final SecondFactors secondFactors;

	private final Problems problems;

	SignInResponses(CustomerSessions sessions, SecondFactors secondFactors, Problems problems) {
		Assert.notNull(sessions, "sessions cannot be null");
		Assert.notNull(secondFactors, "secondFactors cannot be null");
		Assert.notNull(problems, "problems cannot be null");
		this.sessions = sessions;
		this.secondFactors = secondFactors;
		this.problems = problems;
	}

	/**
	 * @param refusal the problem type of the path's refusal ({@code sign-in-failed}, {@code email-code-failed}, …)
	 * @return the answer's body, or {@code null} when a problem was written to {@code response}
	 */
	ResponseEntity<?> answer(SignInResult result, String refusal, HttpServletRequest request,
			HttpServletResponse response) {
		switch (result) {
			case SignInResult.SignedIn signedIn -> {
				return ResponseEntity.ok(session(signedIn));
			}
			case SignInResult.SecondFactorRequired required -> {
				// An e-mail code or a password is one factor; an account with TOTP or a passkey still needs it.
				return ResponseEntity.ok(this.secondFactors.nextStep(required.account()));
			}
			case SignInResult.PasswordResetRequired required -> {
				// A forced reset (breach response): no session; the sign-in flow has mailed the owner a link.
				this.problems.write(request, response, HttpStatus.FORBIDDEN, "password-reset-required");
				return null;
			}
			case SignInResult.RetryLater later -> {
				SignInAnswers.retryLater(this.problems, later, request, response);
				return null;
			}
			case SignInResult.Refused refused -> {
				this.problems.write(request, response, HttpStatus.UNAUTHORIZED, refusal);
				return null;
			}
		}
	}

	/** @return what a signed-in customer's client learns of the new session */
	CustomerSessionController.SessionResponse session(SignInResult.SignedIn signedIn) {
		return new CustomerSessionController.SessionResponse(signedIn.account().toString(),
				this.sessions.idleTimeoutSeconds());
	}

}
