package jp.mamori.identity.api;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.TotpSecrets;
import jp.mamori.identity.factors.TotpEnrolments;
import jp.mamori.identity.session.CustomerSessions;
import jp.mamori.identity.signin.SignInFlow;
import jp.mamori.platform.web.Languages;
import jp.mamori.platform.web.Problems;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A signed-in customer turns TOTP on (start, then confirm with a code) or off. Security decision: all
 * three need a fresh sign-in (see {@link CustomerSessions#signedInRecently}), so a session left open
 * on a shared computer cannot be used to add an attacker's authenticator or remove the owner's.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class TotpEnrolmentController {

	public static final String PATH = "/api/v1/customer/mfa/totp";

	public record CodeRequest(@NotNull @Size(max = 64) String code) {

		@Override
		public String toString() {
			return "CodeRequest[(withheld)]";
		}

	}

	record RecoveryCodesResponse(List<String> recoveryCodes) {

		@Override
		public String toString() {
			return "RecoveryCodesResponse[(withheld)]";
		}

	}

	private final TotpEnrolments enrolments;

	private final CustomerSessions sessions;

	private final SignInFlow signIn;

	private final Problems problems;

	TotpEnrolmentController(TotpEnrolments enrolments, CustomerSessions sessions, SignInFlow signIn,
			Problems problems) {
		Assert.notNull(enrolments, "enrolments cannot be null");
		Assert.notNull(sessions, "sessions cannot be null");
		Assert.notNull(signIn, "signIn cannot be null");
		Assert.notNull(problems, "problems cannot be null");
		this.enrolments = enrolments;
		this.sessions = sessions;
		this.signIn = signIn;
		this.problems = problems;
	}

	@PostMapping(PATH)
	ResponseEntity<TotpSecrets.Enrolment> start(Principal principal, HttpServletRequest request,
			HttpServletResponse response) {
		if (!fresh(request, response)) {
			return null;
		}
		var enrolment = this.enrolments.start(account(principal));
		if (enrolment.isEmpty()) {
			this.problems.write(request, response, HttpStatus.CONFLICT, "totp-already-enabled");
			return null;
		}
		return ResponseEntity.ok(enrolment.get());
	}

	@PostMapping(PATH + "/confirmation")
	ResponseEntity<RecoveryCodesResponse> confirm(@Valid @RequestBody CodeRequest body, Principal principal,
			HttpServletRequest request, HttpServletResponse response) {
		if (!fresh(request, response)) {
			return null;
		}
		var recoveryCodes = this.enrolments.confirm(account(principal), body.code(), this.signIn.source(request),
				Languages.of(request));
		if (recoveryCodes.isEmpty()) {
			this.problems.write(request, response, HttpStatus.BAD_REQUEST, "totp-code-wrong");
			return null;
		}
		return ResponseEntity.ok(new RecoveryCodesResponse(recoveryCodes.get()));
	}

	@DeleteMapping(PATH)
	ResponseEntity<Void> remove(Principal principal, HttpServletRequest request, HttpServletResponse response) {
		if (!fresh(request, response)) {
			return null;
		}
		this.enrolments.remove(account(principal), this.signIn.source(request), Languages.of(request));
		return ResponseEntity.noContent().build();
	}

	private boolean fresh(HttpServletRequest request, HttpServletResponse response) {
		if (this.sessions.signedInRecently(request)) {
			return true;
		}
		this.problems.write(request, response, HttpStatus.FORBIDDEN, "fresh-sign-in-required");
		return false;
	}

	private static CustomerId account(Principal principal) {
		return new CustomerId(UUID.fromString(principal.getName()));
	}

}
