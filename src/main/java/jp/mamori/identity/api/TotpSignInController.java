package jp.mamori.identity.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;

import jp.mamori.identity.credentials.SignInAnswers;
import jp.mamori.identity.credentials.SignInResult;
import jp.mamori.identity.session.CustomerSessions;
import jp.mamori.identity.signin.SignInFlow;
import jp.mamori.platform.web.Problems;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.authority.FactorGrantedAuthority;
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

	public static final String TOTP_FACTOR = FactorGrantedAuthority.fromFactor("TOTP").getAuthority();

	private final SignInFlow signIn;

	private final CustomerSessions sessions;

	private final Problems problems;

	TotpSignInController(SignInFlow signIn, CustomerSessions sessions, Problems problems) {
		Assert.notNull(signIn, "signIn cannot be null");
		Assert.notNull(sessions, "sessions cannot be null");
		Assert.notNull(problems, "problems cannot be null");
		this.signIn = signIn;
		this.sessions = sessions;
		this.problems = problems;
	}

	@PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<CustomerSessionController.SessionResponse> complete(
			@Valid @RequestBody TotpEnrolmentController.CodeRequest body, HttpServletRequest request,
			HttpServletResponse response) {
		switch (this.signIn.secondFactor(body.code(), request, response)) {
			case SignInResult.SignedIn signedIn -> {
				return ResponseEntity.ok(this.sessions.response(signedIn.account()));
			}
			case SignInResult.RetryLater later -> {
				SignInAnswers.retryLater(this.problems, later, request, response);
				return null;
			}
			case SignInResult.Refused refused -> {
				this.problems.write(request, response, HttpStatus.UNAUTHORIZED, "sign-in-failed");
				return null;
			}
			case SignInResult.SecondFactorRequired required -> throw new IllegalStateException("no third factor");
			case SignInResult.PasswordResetRequired required -> throw new IllegalStateException("checked before TOTP");
		}
	}

}
