package jp.mamori.identity.api;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import jp.mamori.identity.account.MailedTokens;
import jp.mamori.identity.account.UnlockLinks;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.SignInAnswers;
import jp.mamori.identity.credentials.SignInResult;
import jp.mamori.platform.web.ClientAddressResolver;
import jp.mamori.platform.web.Problems;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Ends a lockout with the token from the mailed unlock link; see {@link UnlockLinks}. */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class UnlockController {

	public static final String PATH = "/api/v1/customer/unlock";

	/** The token from the link. {@link #toString()} withholds it. */
	record UnlockRequest(@NotNull @Size(max = 128) String token) {

		@Override
		public String toString() {
			return "UnlockRequest[(withheld)]";
		}

	}

	private final UnlockLinks links;

	private final ClientAddressResolver addresses;

	private final Problems problems;

	UnlockController(UnlockLinks links, ClientAddressResolver addresses, Problems problems) {
		Assert.notNull(links, "links cannot be null");
		Assert.notNull(addresses, "addresses cannot be null");
		Assert.notNull(problems, "problems cannot be null");
		this.links = links;
		this.addresses = addresses;
		this.problems = problems;
	}

	/** Security decision: one answer for a wrong, used and expired token; the account is never named. */
	@PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, String>> unlock(@Valid @RequestBody UnlockRequest body, HttpServletRequest request,
			HttpServletResponse response) {
		ClientSource source = new ClientSource(this.addresses.resolve(request), request.getHeader("User-Agent"));
		switch (this.links.redeem(body.token(), source)) {
			case MailedTokens.Redemption.Redeemed unlocked -> {
				return ResponseEntity.ok(Map.of("status", "unlocked"));
			}
			case MailedTokens.Redemption.Invalid invalid ->
				this.problems.write(request, response, HttpStatus.BAD_REQUEST, "unlock-link-invalid");
			case MailedTokens.Redemption.RetryLater later ->
				SignInAnswers.retryLater(this.problems, new SignInResult.RetryLater(later.delay()), request, response);
		}
		return null;
	}

}
