package jp.mamori.identity.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.PasswordRefusedException;
import jp.mamori.identity.account.AccountClosing;
import jp.mamori.identity.account.AccountSessions;
import jp.mamori.identity.account.EmailChanges;
import jp.mamori.identity.account.PasswordChanges;
import jp.mamori.identity.session.CustomerSessions;
import jp.mamori.platform.web.ClientAddressResolver;
import jp.mamori.platform.web.Languages;
import jp.mamori.platform.web.Problems;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in customer's account as a JSON API: change the password, change the e-mail address,
 * close the account. Security decision: each needs a fresh sign-in ({@link CustomerSessions#signedInRecently}),
 * so that a session left open on a shared computer cannot take the account over or delete it.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class AccountController {

	public static final String PASSWORD_PATH = "/api/v1/customer/password";

	public static final String EMAIL_CHANGE_PATH = "/api/v1/customer/email-change";

	public static final String ACCOUNT_PATH = "/api/v1/customer/account";

	/** {@link #toString()} withholds both passwords. */
	record PasswordChange(@NotNull @Size(max = 1024) String currentPassword,
			@NotNull @Size(max = 1024) String newPassword, boolean endOtherSessions) {

		@Override
		public String toString() {
			return "PasswordChange[(withheld)]";
		}

	}

	/** {@link #toString()} withholds the address. */
	record EmailChange(@NotNull @Size(max = 254) String newEmail) {

		@Override
		public String toString() {
			return "EmailChange[(withheld)]";
		}

	}

	record EmailConfirmation(@NotNull @Size(max = 32) String code) {

		@Override
		public String toString() {
			return "EmailConfirmation[(withheld)]";
		}

	}

	/** {@link #toString()} withholds the password. */
	record Closing(@Size(max = 1024) String password) {

		@Override
		public String toString() {
			return "Closing[(withheld)]";
		}

	}

	private final PasswordChanges passwords;

	private final EmailChanges emailChanges;

	private final AccountClosing closing;

	private final AccountSessions accountSessions;

	private final CustomerSessions sessions;

	private final ClientAddressResolver addresses;

	private final Problems problems;

	AccountController(PasswordChanges passwords, EmailChanges emailChanges, AccountClosing closing,
			AccountSessions accountSessions, CustomerSessions sessions, ClientAddressResolver addresses,
			Problems problems) {
		Assert.notNull(passwords, "passwords cannot be null");
		Assert.notNull(emailChanges, "emailChanges cannot be null");
		Assert.notNull(closing, "closing cannot be null");
		Assert.notNull(accountSessions, "accountSessions cannot be null");
		Assert.notNull(sessions, "sessions cannot be null");
		Assert.notNull(addresses, "addresses cannot be null");
		Assert.notNull(problems, "problems cannot be null");
		this.passwords = passwords;
		this.emailChanges = emailChanges;
		this.closing = closing;
		this.accountSessions = accountSessions;
		this.sessions = sessions;
		this.addresses = addresses;
		this.problems = problems;
	}

	@PutMapping(path = PASSWORD_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> changePassword(@Valid @RequestBody PasswordChange body, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response) {
		if (!fresh(request, response)) {
			return null;
		}
		CustomerId account = account(authentication);
		switch (this.passwords.change(account, body.currentPassword(), body.newPassword(),
				PasswordResetController.source(this.addresses, request), Languages.of(request))) {
			case CHANGED -> {
				CustomerSessions.passwordChanged(this.accountSessions, account, body.endOtherSessions(), request);
				return ResponseEntity.noContent().build();
			}
			case NO_PASSWORD -> this.problems.write(request, response, HttpStatus.CONFLICT, "password-not-set");
			case WRONG_PASSWORD -> this.problems.write(request, response, HttpStatus.BAD_REQUEST,
					"current-password-wrong");
		}
		return null;
	}

	@PostMapping(path = EMAIL_CHANGE_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, String>> changeEmail(@Valid @RequestBody EmailChange body,
			Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
		if (!fresh(request, response)) {
			return null;
		}
		boolean accepted;
		try {
			accepted = this.emailChanges.start(account(authentication), body.newEmail(), Languages.of(request));
		}
		catch (IllegalArgumentException ex) {
			this.problems.write(request, response, HttpStatus.BAD_REQUEST, "validation-failed", List.of(
					new Problems.FieldProblem("newEmail", this.problems.message(request, "problem.field.invalid"))));
			return null;
		}
		if (!accepted) {
			this.problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "email-change-too-many");
			return null;
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "check-your-mail"));
	}

	@PostMapping(path = EMAIL_CHANGE_PATH + "/confirmation", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> confirmEmail(@Valid @RequestBody EmailConfirmation body, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response) {
		if (!fresh(request, response)) {
			return null;
		}
		EmailChanges.Confirmation confirmation = this.emailChanges.confirm(account(authentication), body.code(),
				Languages.of(request));
		switch (confirmation.outcome()) {
			case CHANGED -> {
				return ResponseEntity.noContent().build();
			}
			case WRONG_CODE -> this.problems.write(request, response, HttpStatus.BAD_REQUEST, "email-change-code-wrong",
					(Object) confirmation.attemptsLeft());
			case INVALID -> this.problems.write(request, response, HttpStatus.BAD_REQUEST, "email-change-invalid");
		}
		return null;
	}

	@DeleteMapping(path = ACCOUNT_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> close(@Valid @RequestBody Closing body, Authentication authentication,
			HttpServletRequest request, HttpServletResponse response) {
		if (!fresh(request, response)) {
			return null;
		}
		switch (this.closing.close(account(authentication), body.password(), CustomerSessions.emailCodeSession(authentication),
				PasswordResetController.source(this.addresses, request), Languages.of(request))) {
			case CLOSED -> {
				CustomerSessions.closed(request);
				return ResponseEntity.noContent().build();
			}
			case WRONG_PASSWORD -> this.problems.write(request, response, HttpStatus.BAD_REQUEST,
					"current-password-wrong");
			case EMAIL_CODE_REQUIRED -> this.problems.write(request, response, HttpStatus.FORBIDDEN,
					"account-close-email-code-required");
		}
		return null;
	}

	@ExceptionHandler(PasswordRefusedException.class)
	void refused(PasswordRefusedException ex, HttpServletRequest request, HttpServletResponse response) {
		this.problems.write(request, response, HttpStatus.BAD_REQUEST, "validation-failed", List.of(
				new Problems.FieldProblem("newPassword", this.problems.message(request, ex.messageCode(), ex.arguments()))));
	}

	private boolean fresh(HttpServletRequest request, HttpServletResponse response) {
		if (this.sessions.signedInRecently(request)) {
			return true;
		}
		this.problems.write(request, response, HttpStatus.FORBIDDEN, "account-fresh-sign-in-required");
		return false;
	}

	private static CustomerId account(Authentication authentication) {
		return new CustomerId(UUID.fromString(authentication.getName()));
	}

}
