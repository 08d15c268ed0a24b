package jp.mamori.identity.signin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.webauthn4j.util.exception.WebAuthnException;

import jp.mamori.identity.IdentitySecurityEvents;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.AccountLockout;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.SignInResult;
import jp.mamori.identity.credentials.SourceThrottle;
import jp.mamori.identity.factors.PasskeyChallenges;
import jp.mamori.identity.factors.PasskeyRelyingParty;
import jp.mamori.identity.session.SignInHistory;
import jp.mamori.platform.SecurityEvents;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * Signs a customer in with a passkey, alone or as the second step after a password.
 *
 * <p>Security decisions:
 * <ul>
 * <li>A throttled source is answered before anything is checked, as for passwords; every refused
 * assertion counts against the source. Unknown credential, wrong origin or RP ID, a missing user
 * verification, a bad signature, a used or expired challenge and a signature counter that went
 * backwards (a cloned authenticator) are one {@link SignInResult.Refused}.</li>
 * <li>A passkey alone is a full sign-in: possession of the authenticator plus its user verification.
 * It is not refused during a password lockout, which guards the password only: someone guessing
 * passwords cannot keep the owner of a passkey out.</li>
 * <li>As the second step it behaves like a TOTP code: the assertion must be one of the account's own
 * passkeys, a refusal counts against the account's lockout, a locked account is refused unchecked,
 * and only success resets the account's failures.</li>
 * </ul>
 */
public final class PasskeySignIn {

	static final String METHOD = "passkey";

	static final String SECOND_STEP_METHOD = "password+passkey";

	/** Options for the browser's {@code navigator.credentials.get()}, and the challenge's handle. */
	public record RequestOptions(UUID challengeId, PublicKeyCredentialRequestOptions options) {
	}

	private final SignInRefusals refusals;

	private final WebAuthnRelyingPartyOperations relyingParty;

	private final PasskeyRelyingParty settings;

	private final PasskeyChallenges challenges;

	private final UserCredentialRepository credentials;

	private final AccountLockout lockout;

	private final SourceThrottle throttle;

	private final SecurityEvents events;

	private final TransactionOperations transactions;

	private final SignInHistory history;

	public PasskeySignIn(WebAuthnRelyingPartyOperations relyingParty, PasskeyRelyingParty settings,
			PasskeyChallenges challenges, UserCredentialRepository credentials, AccountLockout lockout,
			SourceThrottle throttle, SecurityEvents events, TransactionOperations transactions,
			SignInHistory history) {
		Assert.notNull(relyingParty, "relyingParty cannot be null");
		Assert.notNull(credentials, "credentials cannot be null");
		Assert.notNull(settings, "settings cannot be null");
		Assert.notNull(challenges, "challenges cannot be null");
		Assert.notNull(lockout, "lockout cannot be null");
		Assert.notNull(throttle, "throttle cannot be null");
		Assert.notNull(events, "events cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		this.relyingParty = relyingParty;
		this.settings = settings;
		this.challenges = challenges;
		this.credentials = credentials;
		this.lockout = lockout;
		this.throttle = throttle;
		this.events = events;
		this.transactions = transactions;
		Assert.notNull(history, "history cannot be null");
		this.history = history;
		this.refusals = new SignInRefusals(SignInHistory.Method.PASSKEY, throttle, history, events, transactions);
	}

	/** @return whether the source must wait before it may try */
	public Optional<SignInResult.RetryLater> retryLater(ClientSource source) {
		return this.throttle.retryAfter(source).map(SignInResult.RetryLater::new);
	}

	/**
	 * @param account whose password this session verified, for the second step; {@code null} to sign
	 * in with any discoverable passkey
	 * @return options, or empty if the source already holds too many challenges
	 */
	public Optional<RequestOptions> options(CustomerId account, ClientSource source) {
		Authentication owner = (account != null)
				? UsernamePasswordAuthenticationToken.authenticated(account.toString(), null, List.of()) : null;
		PublicKeyCredentialRequestOptions options = this.relyingParty
			.createCredentialRequestOptions(new ImmutablePublicKeyCredentialRequestOptionsRequest(owner));
		var purpose = (account != null) ? PasskeyChallenges.Purpose.SECOND_FACTOR : PasskeyChallenges.Purpose.SIGN_IN;
		return this.challenges.issue(purpose, account, options.getChallenge(), source)
			.map((issued) -> new RequestOptions(issued.id(), options));
	}

	/**
	 * Sign in with a passkey alone.
	 * @param credential the browser's assertion, or {@code null} if it did not read as one
	 */
	public SignInResult signIn(String challengeId, PublicKeyCredential<AuthenticatorAssertionResponse> credential,
			ClientSource source) {
		var wait = retryLater(source);
		if (wait.isPresent()) {
			this.refusals.throttled(METHOD, source, null);
			return wait.get();
		}
		Optional<Bytes> challenge = this.challenges.take(challengeId, PasskeyChallenges.Purpose.SIGN_IN, null);
		if (challenge.isEmpty() || credential == null) {
			return this.refusals.refuse(METHOD, source, null, challenge.isEmpty() ? "bad_challenge" : "malformed");
		}
		Optional<CustomerId> account = verify(challenge.get(), credential);
		if (account.isEmpty()) {
			return this.refusals.refuse(METHOD, source, null, "bad_assertion");
		}
		succeeded(METHOD, source, account.get());
		return new SignInResult.SignedIn(account.get());
	}

	/**
	 * Complete a password sign-in with one of the account's passkeys.
	 * @param credential the browser's assertion, or {@code null} if it did not read as one
	 */
	public SignInResult complete(CustomerId account, String challengeId,
			PublicKeyCredential<AuthenticatorAssertionResponse> credential, ClientSource source) {
		var wait = retryLater(source);
		if (wait.isPresent()) {
			this.refusals.throttled(SECOND_STEP_METHOD, source, account);
			return wait.get();
		}
		if (this.lockout.lockedUntil(account).isPresent()) {
			return this.refusals.refuse(SECOND_STEP_METHOD, source, account, "locked");
		}
		Optional<Bytes> challenge = this.challenges.take(challengeId, PasskeyChallenges.Purpose.SECOND_FACTOR, account);
		Optional<CustomerId> owner = (challenge.isPresent() && credential != null) ? verify(challenge.get(), credential)
				: Optional.empty();
		if (owner.isEmpty() || !owner.get().equals(account)) {
			return this.transactions.execute((status) -> {
				this.lockout.recordFailure(account, source);
				return this.refusals.refuse(SECOND_STEP_METHOD, source, account, "bad_assertion");
			});
		}
		if (!this.lockout.recordSuccess(account)) {
			return this.refusals.refuse(SECOND_STEP_METHOD, source, account, "locked");
		}
		succeeded(SECOND_STEP_METHOD, source, account);
		return new SignInResult.SignedIn(account);
	}

	/**
	 * @return the account whose passkey made the assertion, if it verifies; its counter is updated.
	 * Security decision: a signature counter that did not go up (unless the authenticator keeps none,
	 * as synced passkeys do) means a copy of the key is in use elsewhere; the assertion is refused and
	 * nothing is stored.
	 */
	private Optional<CustomerId> verify(Bytes challenge,
			PublicKeyCredential<AuthenticatorAssertionResponse> credential) {
		try {
			return Optional.ofNullable(this.transactions.execute((status) -> {
				CredentialRecord before = this.credentials.findByCredentialId(credential.getRawId());
				if (before == null) {
					return null;
				}
				PublicKeyCredentialUserEntity user = this.relyingParty
					.authenticate(new RelyingPartyAuthenticationRequest(this.settings.requestOptions(challenge), credential));
				CredentialRecord after = this.credentials.findByCredentialId(credential.getRawId());
				long previous = before.getSignatureCount();
				long presented = (after != null) ? after.getSignatureCount() : previous;
				if ((previous > 0 || presented > 0) && presented <= previous) {
					status.setRollbackOnly();
					return null;
				}
				return new CustomerId(UUID.fromString(user.getName()));
			}));
		}
		catch (WebAuthnException | IllegalArgumentException | IllegalStateException ex) {
			// Unknown credential or failed verification: one refusal.
			return Optional.empty();
		}
	}

	private void succeeded(String method, ClientSource source, CustomerId account) {
		this.transactions.executeWithoutResult((status) -> {
			// The notice names a second step as such: "password and passkey".
			this.history.record(account, SignInHistory.Method.PASSKEY, SignInHistory.Result.SUCCEEDED, source,
					METHOD.equals(method) ? "passkey" : "password_passkey");
			this.events.publish(IdentitySecurityEvents.LOGIN_SUCCEEDED, attributes(method, source, account, null));
		});
	}

	private static Map<String, String> attributes(String method, ClientSource source, CustomerId account,
			String reason) {
		return source.eventAttributes(method, account, reason);
	}

}
