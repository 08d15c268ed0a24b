package jp.mamori.identity.api;

import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tools.jackson.databind.JsonNode;

import jp.mamori.identity.IdentitySecurityEvents;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.factors.PasskeyJson;
import jp.mamori.identity.factors.PasskeyMails;
import jp.mamori.identity.factors.Passkeys;
import jp.mamori.identity.session.CustomerSessions;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.platform.web.ClientAddressResolver;
import jp.mamori.platform.web.Languages;
import jp.mamori.platform.web.Problems;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A signed-in customer's passkeys: register one (options, then the browser's answer), list, rename and
 * remove them. Security decision: registering and removing need a fresh sign-in (see
 * {@link CustomerSessions#signedInRecently}), like TOTP, so that a session left open cannot be used
 * to plant an attacker's passkey or to remove the owner's; both are mailed to the customer.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class PasskeyController {

	public static final String PATH = "/api/v1/customer/passkeys";

	public static final String REGISTRATION_PATH = PATH + "/registration";

	public static final String OPTIONS_PATH = REGISTRATION_PATH + "/options";

	/** A label: 1–64 characters, no control characters. */
	static final String LABEL = "[^\\p{Cntrl}]{1,64}";

	/** What the browser answers to registration options. {@link #toString()} withholds the label. */
	record RegistrationRequest(@NotNull @Size(max = 64) String challengeId,
			@NotBlank @Pattern(regexp = LABEL) String label, @NotNull JsonNode credential) {

		@Override
		public String toString() {
			return "RegistrationRequest[(withheld)]";
		}

	}

	record LabelRequest(@NotBlank @Pattern(regexp = LABEL) String label) {

		@Override
		public String toString() {
			return "LabelRequest[(withheld)]";
		}

	}

	/** Options for the browser, in WebAuthn's JSON form, and the handle to send back with the answer. */
	record OptionsResponse(String challengeId, JsonNode publicKey) {
	}

	private final Passkeys passkeys;

	private final PasskeyJson json;

	private final CustomerSessions sessions;

	private final PasskeyMails mails;

	private final SecurityEvents events;

	private final ClientAddressResolver addresses;

	private final Problems problems;

	PasskeyController(Passkeys passkeys, PasskeyJson json, CustomerSessions sessions, PasskeyMails mails,
			SecurityEvents events, ClientAddressResolver addresses, Problems problems) {
		Assert.notNull(passkeys, "passkeys cannot be null");
		Assert.notNull(json, "json cannot be null");
		Assert.notNull(sessions, "sessions cannot be null");
		Assert.notNull(mails, "mails cannot be null");
		Assert.notNull(events, "events cannot be null");
		this.passkeys = passkeys;
		this.json = json;
		this.sessions = sessions;
		this.mails = mails;
		this.events = events;
		this.addresses = addresses;
		this.problems = problems;
	}

	@PostMapping(OPTIONS_PATH)
	ResponseEntity<OptionsResponse> options(Principal principal, HttpServletRequest request,
			HttpServletResponse response) {
		if (!fresh(request, response)) {
			return null;
		}
		CustomerId account = account(principal);
		if (this.passkeys.count(account) >= Passkeys.MAX_PER_ACCOUNT) {
			this.problems.write(request, response, HttpStatus.CONFLICT, "passkey-limit", Passkeys.MAX_PER_ACCOUNT);
			return null;
		}
		var options = this.passkeys.registrationOptions(account, source(request));
		if (options.isEmpty()) {
			PasskeySignInController.tooManyChallenges(this.problems, request, response);
			return null;
		}
		return ResponseEntity.ok(new OptionsResponse(options.get().challengeId().toString(),
				this.json.tree(options.get().options())));
	}

	@PostMapping(path = REGISTRATION_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Passkeys.Summary> register(@Valid @RequestBody RegistrationRequest body, Principal principal,
			HttpServletRequest request, HttpServletResponse response) {
		if (!fresh(request, response)) {
			return null;
		}
		CustomerId account = account(principal);
		Optional<Passkeys.Summary> registered = this.json.attestation(body.credential())
			.flatMap((credential) -> this.passkeys.register(account, body.challengeId(), credential, body.label()));
		if (registered.isEmpty()) {
			this.problems.write(request, response, HttpStatus.BAD_REQUEST, "passkey-registration-failed");
			return null;
		}
		ClientSource source = source(request);
		this.events.publish(IdentitySecurityEvents.MFA_ENROLLED, attributes(account, source));
		this.mails.changed(account, PasskeyMails.Change.ADDED, source, Languages.of(request));
		return ResponseEntity.status(HttpStatus.CREATED).body(registered.get());
	}

	@GetMapping(PATH)
	Map<String, List<Passkeys.Summary>> list(Principal principal) {
		return Map.of("passkeys", this.passkeys.list(account(principal)));
	}

	@PutMapping(path = PATH + "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> rename(@PathVariable String id, @Valid @RequestBody LabelRequest body, Principal principal,
			HttpServletRequest request, HttpServletResponse response) {
		Optional<UUID> passkey = passkeyId(id);
		if (passkey.isEmpty() || !this.passkeys.rename(account(principal), passkey.get(), body.label())) {
			this.problems.write(request, response, HttpStatus.NOT_FOUND, "passkey-not-found");
			return null;
		}
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping(PATH + "/{id}")
	ResponseEntity<Void> remove(@PathVariable String id, Principal principal, HttpServletRequest request,
			HttpServletResponse response) {
		if (!fresh(request, response)) {
			return null;
		}
		CustomerId account = account(principal);
		Optional<UUID> passkey = passkeyId(id);
		if (passkey.isEmpty() || !this.passkeys.remove(account, passkey.get())) {
			this.problems.write(request, response, HttpStatus.NOT_FOUND, "passkey-not-found");
			return null;
		}
		ClientSource source = source(request);
		this.events.publish(IdentitySecurityEvents.MFA_REMOVED, attributes(account, source));
		this.mails.changed(account, PasskeyMails.Change.REMOVED, source, Languages.of(request));
		return ResponseEntity.noContent().build();
	}

	private boolean fresh(HttpServletRequest request, HttpServletResponse response) {
		if (this.sessions.signedInRecently(request)) {
			return true;
		}
		this.problems.write(request, response, HttpStatus.FORBIDDEN, "fresh-sign-in-required");
		return false;
	}

	private static Optional<UUID> passkeyId(String id) {
		try {
			return Optional.of(UUID.fromString(id));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static CustomerId account(Principal principal) {
		return new CustomerId(UUID.fromString(principal.getName()));
	}

	private ClientSource source(HttpServletRequest request) {
		return new ClientSource(this.addresses.resolve(request), request.getHeader("User-Agent"));
	}

	private static Map<String, String> attributes(CustomerId account, ClientSource source) {
		Map<String, String> attributes = new HashMap<>();
		attributes.put("account_id", account.toString());
		attributes.put("factor", "passkey");
		attributes.put("source_address", source.addressText());
		attributes.put("user_agent", source.userAgent());
		return attributes;
	}

}
