package jp.mamori.identity.api;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import jp.mamori.identity.PasswordRefusedException;
import jp.mamori.identity.account.MailedTokens;
import jp.mamori.identity.account.PasswordResets;
import jp.mamori.identity.botcheck.BotChecked;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.SignInAnswers;
import jp.mamori.identity.credentials.SignInResult;
import jp.mamori.platform.web.ClientAddressResolver;
import jp.mamori.platform.web.Languages;
import jp.mamori.platform.web.Problems;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Password reset as a JSON API, for anonymous callers: ask for a link (always {@code 202}), then set a
 * new password with the token from it. Security decision: the token travels in the body, never in a
 * URL that the server or a proxy would log; see {@link PasswordResets}.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class PasswordResetController {

	public static final String PATH = "/api/v1/customer/password-reset";

	public static final String COMPLETION_PATH = PATH + "/completion";

	/** Asking for a link. {@link #toString()} withholds the login. */
	record ResetRequest(@NotNull @Size(max = 256) String login) {

		@Override
		public String toString() {
			return "ResetRequest[(withheld)]";
		}

	}

	/** Setting the new password. {@link #toString()} withholds both fields. */
	record Completion(@NotNull @Size(max = 128) String token, @NotNull @Size(max = 1024) String newPassword) {

		@Override
		public String toString() {
			return "Completion[(withheld)]";
		}

	}

	private final PasswordResets resets;

	private final ClientAddressResolver addresses;

	private final Problems problems;

	PasswordResetController(PasswordResets resets, ClientAddressResolver addresses, Problems problems) {
		Assert.notNull(resets, "resets cannot be null");
		Assert.notNull(addresses, "addresses cannot be null");
		Assert.notNull(problems, "problems cannot be null");
		this.resets = resets;
		this.addresses = addresses;
		this.problems = problems;
	}

	/**
	 * Security decision: one answer whether the account exists or not, and only after a solved bot check,
	 * so that a script cannot make Mamori mail links in bulk.
	 */
	@BotChecked
	@PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, String>> request(@Valid @RequestBody ResetRequest body, HttpServletRequest request,
			HttpServletResponse response) {
		var wait = this.resets.request(body.login(), source(this.addresses, request), Languages.of(request));
		if (wait.isPresent()) {
			SignInAnswers.retryLater(this.problems, new SignInResult.RetryLater(wait.get()), request, response);
			return null;
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "check-your-mail"));
	}

	@PostMapping(path = COMPLETION_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> complete(@Valid @RequestBody Completion body, HttpServletRequest request,
			HttpServletResponse response) {
		switch (this.resets.complete(body.token(), body.newPassword(), source(this.addresses, request),
				Languages.of(request))) {
			case MailedTokens.Redemption.Redeemed done -> {
				return ResponseEntity.noContent().build();
			}
			case MailedTokens.Redemption.RetryLater later ->
				SignInAnswers.retryLater(this.problems, new SignInResult.RetryLater(later.delay()), request, response);
			case MailedTokens.Redemption.Invalid invalid ->
				this.problems.write(request, response, HttpStatus.BAD_REQUEST, "password-reset-invalid");
		}
		return null;
	}

	@ExceptionHandler(PasswordRefusedException.class)
	void refused(PasswordRefusedException ex, HttpServletRequest request, HttpServletResponse response) {
		this.problems.write(request, response, HttpStatus.BAD_REQUEST, "validation-failed", List.of(
				new Problems.FieldProblem("newPassword", this.problems.message(request, ex.messageCode(), ex.arguments()))));
	}

	static ClientSource source(ClientAddressResolver addresses, HttpServletRequest request) {
		return new ClientSource(addresses.resolve(request), request.getHeader("User-Agent"));
	}

}
