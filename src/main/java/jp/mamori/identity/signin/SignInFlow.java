package jp.mamori.identity.signin;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.account.CustomerAccountRepository;
import jp.mamori.identity.account.CustomerEmails;
import jp.mamori.identity.account.PasswordResets;
import jp.mamori.identity.botcheck.BotCheckRefusedException;
import jp.mamori.identity.botcheck.BotCheckRequirement;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.SignInResult;
import jp.mamori.identity.factors.SecondFactor;
import jp.mamori.identity.session.CustomerSessions;
import jp.mamori.platform.web.ClientAddressResolver;
import jp.mamori.platform.web.Languages;

import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.util.Assert;

/**
 * The steps of a customer's sign-in as the JSON API and the pages both take them: check the credential,
 * then open the session, mark the password verified or answer nothing at all. Callers only turn the
 * {@link SignInResult} into their own kind of answer, so the API and the pages cannot drift apart.
 *
 * <p>Security decisions: see {@link CustomerSessions} for the session (new ID and CSRF token at every
 * change of privilege) and {@link SignInResult.Refused} for the one refusal. An e-mail code is one
 * factor: for an account with TOTP it only marks the session verified, like a right password.
 */
public final class SignInFlow {

	/** No account has this ID (accounts get random version-4 UUIDs). */
	private static final CustomerId NO_ACCOUNT = new CustomerId(new UUID(0, 0));

	private final PasswordSignIn passwords;

	private final EmailCodeSignIn emailCodes;

	private final TotpSignIn totp;

	private final SecondFactor secondFactor;

	private final CustomerSessions sessions;

	private final ClientAddressResolver addresses;

	private final CustomerEmails emails;

	private final CustomerAccountRepository accounts;

	private final PasswordResets resets;

	private final BotCheckRequirement botCheck;

	public SignInFlow(PasswordSignIn passwords, EmailCodeSignIn emailCodes, TotpSignIn totp, SecondFactor secondFactor,
			CustomerSessions sessions, ClientAddressResolver addresses, CustomerEmails emails,
			CustomerAccountRepository accounts, PasswordResets resets, BotCheckRequirement botCheck) {
		Assert.notNull(passwords, "passwords cannot be null");
		Assert.notNull(emailCodes, "emailCodes cannot be null");
		Assert.notNull(totp, "totp cannot be null");
		Assert.notNull(secondFactor, "secondFactor cannot be null");
		Assert.notNull(sessions, "sessions cannot be null");
		Assert.notNull(addresses, "addresses cannot be null");
		this.passwords = passwords;
		this.emailCodes = emailCodes;
		this.totp = totp;
		this.secondFactor = secondFactor;
		this.sessions = sessions;
		this.addresses = addresses;
		Assert.notNull(emails, "emails cannot be null");
		Assert.notNull(accounts, "accounts cannot be null");
		this.emails = emails;
		this.accounts = accounts;
		Assert.notNull(resets, "resets cannot be null");
		this.resets = resets;
		Assert.notNull(botCheck, "botCheck cannot be null");
		this.botCheck = botCheck;
	}

	/** @return where the request comes from, through trusted proxies only */
	public ClientSource source(HttpServletRequest request) {
		return new ClientSource(this.addresses.resolve(request), request.getHeader("User-Agent"),
				Languages.of(request));
	}

	/**
	 * Sign in with user ID or e-mail address, and password. Security decision: an e-mail address is
	 * looked up by its blind index and replaced by the account's user ID; one that names no account is
	 * passed on as typed, and since no user ID contains {@code @} it is refused like an unknown user ID,
	 * with the same dummy hash. Both paths make the same queries: an address that names no account
	 * still looks up a user ID (of an account that cannot exist).
	 * @throws BotCheckRefusedException if the source's address has failed too often and the request
	 * carries no accepted bot-check solution; nothing was hashed, counted or written
	 */
	public SignInResult password(String identifier, String password, HttpServletRequest request,
			HttpServletResponse response) {
		ClientSource source = source(request);
		String userId = (identifier.indexOf('@') < 0) ? identifier
				: this.accounts.userId(this.emails.find(identifier).orElse(NO_ACCOUNT)).orElse(identifier);
		// The session is opened within the transaction that records the sign-in (one commit for both).
		SignInResult result = this.passwords.signIn(userId, password, source,
				(account) -> this.sessions.signedIn(account, List.of(FactorGrantedAuthority.PASSWORD_AUTHORITY),
						request, response, source),
				(recentFailures) -> this.botCheck.passes(request, source, recentFailures));
		return (result instanceof SignInResult.SignedIn) ? result
				: opened(result, FactorGrantedAuthority.PASSWORD_AUTHORITY, source, request, response);
	}

	/**
	 * Mail a sign-in code to the account that {@code identifier} names, if there is one.
	 * @return how long the source must wait first, if it is throttled; otherwise the same empty answer
	 * whether the account exists or not
	 */
	public Optional<Duration> requestEmailCode(String identifier, HttpServletRequest request) {
		return this.emailCodes.request(identifier, source(request), Languages.of(request));
	}

	/** Sign in with a mailed code; an account with TOTP answers {@link SignInResult.SecondFactorRequired}. */
	public SignInResult emailCode(String identifier, String code, HttpServletRequest request, HttpServletResponse response) {
		ClientSource source = source(request);
		SignInResult result = this.emailCodes.verify(identifier, code, source);
		if (result instanceof SignInResult.SignedIn signedIn && this.secondFactor.required(signedIn.account())) {
			result = new SignInResult.SecondFactorRequired(signedIn.account());
		}
		return opened(result, FactorGrantedAuthority.OTT_AUTHORITY, source, request, response);
	}

	/**
	 * Complete a sign-in whose first factor this session passed, with a TOTP or recovery code. Security
	 * decision: a session without a recent first factor is refused like a wrong code.
	 */
	public SignInResult secondFactor(String code, HttpServletRequest request, HttpServletResponse response) {
		var account = this.sessions.passwordVerifiedAccount(request);
		if (account.isEmpty()) {
			return new SignInResult.Refused();
		}
		ClientSource source = source(request);
		SignInResult result = this.totp.complete(account.get(), code, source);
		if (result instanceof SignInResult.SignedIn signedIn) {
			this.sessions.signedIn(signedIn.account(),
					List.of(FactorGrantedAuthority.PASSWORD_AUTHORITY, TotpSignIn.TOTP_FACTOR), request,
					response, source);
		}
		return result;
	}

	/**
	 * After a first factor: a signed-in session with that factor (its notice was queued with the
	 * history entry and is mailed after the commit), or a session
	 * waiting for the second factor; a refused or throttled attempt leaves the session as it was.
	 */
	private SignInResult opened(SignInResult result, String factor, ClientSource source, HttpServletRequest request,
			HttpServletResponse response) {
		if (result instanceof SignInResult.SignedIn signedIn) {
			this.sessions.signedIn(signedIn.account(), List.of(factor), request, response, source);
		}
		else if (result instanceof SignInResult.SecondFactorRequired required) {
			this.sessions.passwordVerified(required.account(), request);
		}
		else if (result instanceof SignInResult.PasswordResetRequired required) {
			// A forced reset: the password was right, so its owner gets a link to set a new one.
			this.resets.forced(required.account(), Languages.of(request));
		}
		return result;
	}

	/** @return whether the session is waiting for a second factor */
	public boolean awaitingSecondFactor(HttpServletRequest request) {
		return this.sessions.passwordVerifiedAccount(request).isPresent();
	}

}
