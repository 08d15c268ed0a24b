package jp.mamori.identity.api;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import jp.mamori.identity.botcheck.BotChecked;
import jp.mamori.identity.credentials.SignInAnswers;
import jp.mamori.identity.credentials.SignInResult;
import jp.mamori.identity.session.CustomerSessions;
import jp.mamori.identity.signin.EmailCodeSignIn;
import jp.mamori.identity.signin.SignInFlow;
import jp.mamori.platform.web.Problems;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Passwordless sign-in as a JSON API: ask for a code (always {@code 202}), then sign in with it
 * (the same session handling and answers as the password sign-in).
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class EmailCodeController {

	public static final String PATH = CustomerApiSecurity.SESSION_PATH + "/email-code";

	public static final String VERIFICATION_PATH = PATH + "/verification";

	/** Asking for a code. {@link #toString()} withholds the identifier. */
	record CodeRequest(@NotNull @Size(max = 256) String identifier) {

		@Override
		public String toString() {
			return "CodeRequest[(withheld)]";
		}

	}

	/** Signing in with a code. {@link #toString()} withholds both fields. */
	record Verification(@NotNull @Size(max = 256) String identifier, @NotNull @Size(max = 32) String code) {

		@Override
		public String toString() {
			return "Verification[(withheld)]";
		}

	}

	private final SignInFlow signIn;

	private final CustomerSessions sessions;

	private final Problems problems;

	private final SignInResponses answers;

	EmailCodeController(SignInFlow signIn, CustomerSessions sessions, Problems problems,
			SignInResponses answers) {
		Assert.notNull(signIn, "signIn cannot be null");
		Assert.notNull(sessions, "sessions cannot be null");
		Assert.notNull(problems, "problems cannot be null");
		this.signIn = signIn;
		this.sessions = sessions;
		this.problems = problems;
		Assert.notNull(answers, "answers cannot be null");
		this.answers = answers;
	}

	/** Security decision: one answer whether the account exists or not; see {@link EmailCodeSignIn}. */
	@BotChecked
	@PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, String>> request(@Valid @RequestBody CodeRequest body, HttpServletRequest request,
			HttpServletResponse response) {
		var wait = this.signIn.requestEmailCode(body.identifier(), request);
		if (wait.isPresent()) {
			SignInAnswers.retryLater(this.problems, new SignInResult.RetryLater(wait.get()), request, response);
			return null;
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "check-your-mail"));
	}

	@BotChecked(BotChecked.When.AFTER_SIGN_IN_FAILURES)
	@PostMapping(path = VERIFICATION_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> verify(@Valid @RequestBody Verification body,
			HttpServletRequest request, HttpServletResponse response) {
		// One answer for a wrong, used or expired code, an unknown account and a closed e-mail path.
		return this.answers.answer(this.signIn.emailCode(body.identifier(), body.code(), request, response),
				"email-code-failed", request, response);
	}

}
