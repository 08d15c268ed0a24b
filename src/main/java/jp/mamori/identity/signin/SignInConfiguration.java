package jp.mamori.identity.signin;

import java.time.Clock;

import jp.mamori.identity.account.CustomerAccountRepository;
import jp.mamori.identity.account.CustomerEmails;
import jp.mamori.identity.account.PasswordResets;
import jp.mamori.identity.botcheck.BotCheckRequirement;
import jp.mamori.identity.credentials.InFlightSignIns;
import jp.mamori.identity.credentials.AccountLockout;
import jp.mamori.identity.credentials.OneTimeCodes;
import jp.mamori.identity.credentials.SecretDigests;
import jp.mamori.identity.credentials.PasswordHasher;
import jp.mamori.identity.credentials.SourceThrottle;
import jp.mamori.identity.factors.PasskeyChallenges;
import jp.mamori.identity.factors.PasskeyRelyingParty;
import jp.mamori.identity.factors.SecondFactor;
import jp.mamori.identity.factors.TotpFactor;
import jp.mamori.identity.session.CustomerSessions;
import jp.mamori.identity.session.SignInHistory;
import jp.mamori.mail.Mailer;
import jp.mamori.platform.SecurityEvents;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import jp.mamori.platform.web.ClientAddressResolver;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.transaction.support.TransactionOperations;

/** Wires each way in (password, e-mail code, TOTP, passkey) and the sign-in flow that the API and the pages share. */
@Configuration(proxyBeanMethods = false)
class SignInConfiguration {

	/** Voids the e-mail sign-in code when the password or e-mail address changes (in that transaction). */
	@Bean
	EmailCodeRevocation emailCodeRevocation(JdbcClient jdbc) {
		return new EmailCodeRevocation(new EmailCodeStore(jdbc));
	}

	@Bean
	EmailCodeSignIn emailCodeSignIn(CustomerEmails emails, JdbcClient jdbc, Mailer mailer, MessageSource messages,
			AccountLockout lockout, SourceThrottle throttle, SecurityEvents events,
			PlatformTransactionManager transactions, Clock clock, SecondFactor secondFactor, SignInHistory history,
			OneTimeCodes codes) {
		return new EmailCodeSignIn(emails, new EmailCodeStore(jdbc), new EmailCodeMails(mailer, messages), lockout,
				throttle, events, new TransactionTemplate(transactions), clock, secondFactor, history, codes);
	}

	@Bean
	SignInReads signInReads(JdbcClient jdbc, InFlightSignIns inFlight) {
		return new SignInReads(jdbc, inFlight);
	}

	@Bean
	PasswordSignIn passwordSignIn(SignInReads reads, CustomerAccountRepository accounts, PasswordHasher hasher,
			AccountLockout lockout, SourceThrottle throttle, SecurityEvents events,
			PlatformTransactionManager transactions, SignInHistory history) {
		return new PasswordSignIn(reads, accounts, hasher, lockout, throttle, events,
				new TransactionTemplate(transactions), history);
	}

	@Bean
	TotpSignIn totpSignIn(TotpFactor totp, AccountLockout lockout, SourceThrottle throttle, SecurityEvents events,
			TransactionOperations transactions, SignInHistory history) {
		return new TotpSignIn(totp, lockout, throttle, events, transactions, history);
	}

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	SignInFlow signInFlow(PasswordSignIn passwords, EmailCodeSignIn emailCodes, TotpSignIn totp,
			SecondFactor secondFactor, CustomerSessions sessions,
			ClientAddressResolver addresses, CustomerEmails emails, CustomerAccountRepository accounts,
			PasswordResets resets, BotCheckRequirement botCheck) {
		return new SignInFlow(passwords, emailCodes, totp, secondFactor, sessions, addresses, emails,
				accounts, resets, botCheck);
	}

	@Bean
	PasskeySignIn passkeySignIn(WebAuthnRelyingPartyOperations passkeyOperations, PasskeyRelyingParty relyingParty,
			PasskeyChallenges challenges, UserCredentialRepository passkeyCredentials, AccountLockout lockout,
			SourceThrottle throttle, SecurityEvents events, TransactionOperations transactions, SignInHistory history) {
		return new PasskeySignIn(passkeyOperations, relyingParty, challenges, passkeyCredentials, lockout, throttle,
				events, transactions, history);
	}

}
