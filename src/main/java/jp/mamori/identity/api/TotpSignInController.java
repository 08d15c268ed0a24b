package jp.mamori.identity.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import jp.mamori.identity.session.CustomerSessions;
import jp.mamori.identity.signin.SignInFlow;
import jp.mamori.platform.web.Problems;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The second step of a sign-in for an account with TOTP: the session whose password was verified
 * sends a TOTP code or a recovery code. Security decision: a session without a verified password, or
 * whose password was verified more than five minutes ago, gets the same refusal as a wrong code.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class TotpSignInController {

	public static final String PATH = CustomerApiSecurity.SESSION_PATH + "/totp";

	private final SignInFlow signIn;

	private final CustomerSessions sessions;

	private final Problems problems;

	private final SignInResponses answers;

	TotpSignInController(SignInFlow signIn, CustomerSessions sessions, Problems problems, SignInResponses answers) {
		Assert.notNull(signIn, "signIn cannot be null");
		Assert.notNull(sessions, "sessions cannot be null");
		Assert.notNull(problems, "problems cannot be null");
		this.signIn = signIn;
		this.sessions = sessions;
		this.problems = problems;
		Assert.notNull(answers, "answers cannot be null");
		this.answers = answers;
	}

	@PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> complete(
			@Valid @RequestBody TotpEnrolmentController.CodeRequest body, HttpServletRequest request,
			HttpServletResponse response) {
		return this.answers.answer(this.signIn.secondFactor(body.code(), request, response), "sign-in-failed",
				request, response);
	}

}
