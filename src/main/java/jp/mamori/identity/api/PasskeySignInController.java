package jp.mamori.identity.api;

import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.SignInAnswers;
import jp.mamori.identity.credentials.SignInResult;
import jp.mamori.identity.factors.PasskeyChallenges;
import jp.mamori.identity.factors.PasskeyJson;
import jp.mamori.identity.session.CustomerSessions;
import jp.mamori.identity.signin.PasskeySignIn;
import jp.mamori.platform.web.ClientAddressResolver;
import jp.mamori.platform.web.Languages;
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
 * Signing in with a passkey: alone ({@value #PATH}), or as the second step after a password
 * ({@value #SECOND_STEP_PATH}). Each takes options first, then the browser's assertion.
 *
 * <p>Security decisions: every refusal is one answer ({@code passkey-sign-in-failed}, 401), whether
 * the challenge, the credential or its verification failed; a session without a verified password
 * asking for the second step gets the same. A success goes through {@link CustomerSessions#signedIn}
 * (new session ID and CSRF token, factor authorities, time of sign-in) and is mailed like any sign-in.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class PasskeySignInController {

	public static final String PATH = CustomerApiSecurity.SESSION_PATH + "/passkey";

	public static final String OPTIONS_PATH = PATH + "/options";

	public static final String SECOND_STEP_PATH = PATH + "/second-factor";

	public static final String SECOND_STEP_OPTIONS_PATH = SECOND_STEP_PATH + "/options";

	static final List<String> PATHS = List.of(PATH, OPTIONS_PATH, SECOND_STEP_PATH, SECOND_STEP_OPTIONS_PATH);

	/** The browser's assertion and the handle of the challenge it answers. */
	record AssertionRequest(@NotNull @Size(max = 64) String challengeId, @NotNull JsonNode credential) {

		@Override
		public String toString() {
			return "AssertionRequest[(withheld)]";
		}

	}

	private final PasskeySignIn signIn;

	private final PasskeyJson json;

	private final CustomerSessions sessions;

	private final ClientAddressResolver addresses;

	private final Problems problems;

	private final SignInResponses answers;

	PasskeySignInController(PasskeySignIn signIn, PasskeyJson json, CustomerSessions sessions,
			ClientAddressResolver addresses, Problems problems, SignInResponses answers) {
		Assert.notNull(signIn, "signIn cannot be null");
		Assert.notNull(json, "json cannot be null");
		Assert.notNull(sessions, "sessions cannot be null");
		this.signIn = signIn;
		this.json = json;
		this.sessions = sessions;
		this.addresses = addresses;
		this.problems = problems;
		Assert.notNull(answers, "answers cannot be null");
		this.answers = answers;
	}

	@PostMapping(OPTIONS_PATH)
	ResponseEntity<PasskeyController.OptionsResponse> options(HttpServletRequest request,
			HttpServletResponse response) {
		return options(null, request, response);
	}

	@PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> signIn(@Valid @RequestBody AssertionRequest body,
			HttpServletRequest request, HttpServletResponse response) {
		ClientSource source = source(request);
		SignInResult result = this.signIn.signIn(body.challengeId(),
				this.json.assertion(body.credential()).orElse(null), source);
		return answer(result, List.of(FactorGrantedAuthority.WEBAUTHN_AUTHORITY), source, request, response);
	}

	@PostMapping(SECOND_STEP_OPTIONS_PATH)
	ResponseEntity<PasskeyController.OptionsResponse> secondStepOptions(HttpServletRequest request,
			HttpServletResponse response) {
		Optional<CustomerId> account = this.sessions.passwordVerifiedAccount(request);
		if (account.isEmpty()) {
			this.problems.write(request, response, HttpStatus.UNAUTHORIZED, "passkey-sign-in-failed");
			return null;
		}
		return options(account.get(), request, response);
	}

	@PostMapping(path = SECOND_STEP_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> secondStep(@Valid @RequestBody AssertionRequest body,
			HttpServletRequest request, HttpServletResponse response) {
		Optional<CustomerId> account = this.sessions.passwordVerifiedAccount(request);
		if (account.isEmpty()) {
			this.problems.write(request, response, HttpStatus.UNAUTHORIZED, "passkey-sign-in-failed");
			return null;
		}
		ClientSource source = source(request);
		SignInResult result = this.signIn.complete(account.get(), body.challengeId(),
				this.json.assertion(body.credential()).orElse(null), source);
		return answer(result,
				List.of(FactorGrantedAuthority.PASSWORD_AUTHORITY, FactorGrantedAuthority.WEBAUTHN_AUTHORITY), source,
				request, response);
	}

	/** 429 for a source holding as many challenges as it may: it can try again when they expire. */
	static void tooManyChallenges(Problems problems, HttpServletRequest request, HttpServletResponse response) {
		long seconds = PasskeyChallenges.VALIDITY.toSeconds();
		response.setHeader("Retry-After", Long.toString(seconds));
		problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "passkey-too-many-challenges", seconds);
	}

	private ResponseEntity<PasskeyController.OptionsResponse> options(CustomerId account, HttpServletRequest request,
			HttpServletResponse response) {
		ClientSource source = source(request);
		var wait = this.signIn.retryLater(source);
		if (wait.isPresent()) {
			SignInAnswers.retryLater(this.problems, wait.get(), request, response);
			return null;
		}
		var options = this.signIn.options(account, source);
		if (options.isEmpty()) {
			tooManyChallenges(this.problems, request, response);
			return null;
		}
		return ResponseEntity.ok(new PasskeyController.OptionsResponse(options.get().challengeId().toString(),
				this.json.tree(options.get().options())));
	}

	private ResponseEntity<?> answer(SignInResult result, List<String> factors,
			ClientSource source, HttpServletRequest request, HttpServletResponse response) {
		if (result instanceof SignInResult.SignedIn signedIn) {
			this.sessions.signedIn(signedIn.account(), factors, request, response, source);
		}
		return this.answers.answer(result, "passkey-sign-in-failed", request, response);
	}

	private ClientSource source(HttpServletRequest request) {
		return new ClientSource(this.addresses.resolve(request), request.getHeader("User-Agent"),
				Languages.of(request));
	}

}
