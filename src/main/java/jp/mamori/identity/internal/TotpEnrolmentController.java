package jp.mamori.identity.internal;

import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import jp.mamori.identity.CustomerId;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.platform.web.ClientAddressResolver;
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
final class TotpEnrolmentController {

	static final String PATH = "/api/v1/customer/mfa/totp";

	record CodeRequest(@NotNull @Size(max = 64) String code) {

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

	private final TotpFactor totp;

	private final CustomerSessions sessions;

	private final SecurityEvents events;

	private final ClientAddressResolver addresses;

	private final Problems problems;

	TotpEnrolmentController(TotpFactor totp, CustomerSessions sessions, SecurityEvents events,
			ClientAddressResolver addresses, Problems problems) {
		Assert.notNull(totp, "totp cannot be null");
		Assert.notNull(sessions, "sessions cannot be null");
		Assert.notNull(events, "events cannot be null");
		this.totp = totp;
		this.sessions = sessions;
		this.events = events;
		this.addresses = addresses;
		this.problems = problems;
	}

	@PostMapping(PATH)
	ResponseEntity<TotpFactor.Enrolment> start(Principal principal, HttpServletRequest request,
			HttpServletResponse response) {
		if (!fresh(request, response)) {
			return null;
		}
		var enrolment = this.totp.start(account(principal));
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
		CustomerId account = account(principal);
		var recoveryCodes = this.totp.confirm(account, body.code());
		if (recoveryCodes.isEmpty()) {
			this.problems.write(request, response, HttpStatus.BAD_REQUEST, "totp-code-wrong");
			return null;
		}
		this.events.publish("auth.mfa.enrolled", attributes(account, request));
		return ResponseEntity.ok(new RecoveryCodesResponse(recoveryCodes.get()));
	}

	@DeleteMapping(PATH)
	ResponseEntity<Void> remove(Principal principal, HttpServletRequest request, HttpServletResponse response) {
		if (!fresh(request, response)) {
			return null;
		}
		CustomerId account = account(principal);
		if (this.totp.remove(account)) {
			this.events.publish("auth.mfa.removed", attributes(account, request));
		}
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

	private Map<String, String> attributes(CustomerId account, HttpServletRequest request) {
		ClientSource source = new ClientSource(this.addresses.resolve(request), request.getHeader("User-Agent"));
		Map<String, String> attributes = new HashMap<>();
		attributes.put("account_id", account.toString());
		attributes.put("factor", "totp");
		attributes.put("source_address", source.addressText());
		attributes.put("user_agent", source.userAgent());
		return attributes;
	}

}
