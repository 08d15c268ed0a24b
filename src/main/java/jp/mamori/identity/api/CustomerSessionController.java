package jp.mamori.identity.api;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import jp.mamori.identity.botcheck.BotCheckRefusedException;
import jp.mamori.identity.botcheck.BotChecked;
import jp.mamori.identity.credentials.SignInAnswers;
import jp.mamori.identity.credentials.SignInResult;
import jp.mamori.identity.session.CustomerSessions;
import jp.mamori.identity.signin.SignInFlow;
import jp.mamori.platform.web.Problems;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The customer's session as a JSON API: get a CSRF token, sign in with a password, see it, sign out. */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class CustomerSessionController {

	/** What a sign-in sends. {@link #toString()} withholds both fields. */
	public record SignInRequest(@NotNull @Size(max = 256) String userId, @NotNull @Size(max = 1024) String password) {

		@Override
		public String toString() {
			return "SignInRequest[(withheld)]";
		}

	}

	public record SessionResponse(String customerId, long idleTimeoutSeconds) {
	}

	private final SignInFlow signIn;

	private final Problems problems;

	private final CustomerSessions sessions;

	private final SignInResponses answers;

	CustomerSessionController(SignInFlow signIn, Problems problems, CustomerSessions sessions,
			SignInResponses answers) {
		Assert.notNull(signIn, "signIn cannot be null");
		Assert.notNull(problems, "problems cannot be null");
		Assert.notNull(sessions, "sessions cannot be null");
		this.signIn = signIn;
		this.problems = problems;
		this.sessions = sessions;
		Assert.notNull(answers, "answers cannot be null");
		this.answers = answers;
	}

	/** A CSRF token for the next unsafe request; also set as the {@code __Host-XSRF-TOKEN} cookie. */
	@GetMapping(CustomerApiSecurity.CSRF_PATH)
	Map<String, String> csrf(CsrfToken token) {
		return Map.of("headerName", token.getHeaderName(), "token", token.getToken());
	}

	@BotChecked(BotChecked.When.IN_THE_SIGN_IN)
	@PostMapping(path = CustomerApiSecurity.SESSION_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> signIn(@Valid @RequestBody SignInRequest body, HttpServletRequest request,
			HttpServletResponse response) {
		SignInResult result;
		try {
			result = this.signIn.password(body.userId(), body.password(), request, response);
		}
		catch (BotCheckRefusedException ex) {
			SignInAnswers.botCheckFailed(this.problems, request, response);
			return null;
		}
		return this.answers.answer(result, "sign-in-failed", request, response);
	}

	@GetMapping(CustomerApiSecurity.SESSION_PATH)
	SessionResponse current(Authentication authentication, HttpSession session) {
		return new SessionResponse(authentication.getName(), session.getMaxInactiveInterval());
	}

	@DeleteMapping(CustomerApiSecurity.SESSION_PATH)
	ResponseEntity<Void> signOut(HttpServletRequest request, HttpServletResponse response) {
		this.sessions.signedOut(request, response);
		return ResponseEntity.noContent().build();
	}

}
