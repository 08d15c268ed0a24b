package jp.mamori.identity.factors;

import java.time.Clock;

import jp.mamori.identity.account.CustomerAccountRepository;
import jp.mamori.identity.account.CustomerEmails;
import jp.mamori.identity.account.CustomerProfiles;
import jp.mamori.identity.account.PasswordResets;
import jp.mamori.identity.botcheck.BotCheckRequirement;
import jp.mamori.identity.credentials.AccountLockout;
import jp.mamori.identity.credentials.IdentityProperties;
import jp.mamori.identity.credentials.SourceThrottle;
import jp.mamori.identity.session.CustomerSessions;
import jp.mamori.identity.session.SignInHistory;
import jp.mamori.identity.session.SignInNotices;
import jp.mamori.identity.session.TransactionalSessionRepository;
import jp.mamori.identity.signin.EmailCodeSignIn;
import jp.mamori.identity.signin.PasswordSignIn;
import jp.mamori.identity.signin.SignInFlow;
import jp.mamori.identity.signin.TotpSignIn;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.platform.web.ClientAddressResolver;
import jp.mamori.vault.Vault;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Wires the customers' TOTP second factor, their masked profile, and the session steps a sign-in goes
 * through (shared by the JSON API and the pages).
 */
@Configuration(proxyBeanMethods = false)
class FactorsConfiguration {

	@Bean
	TotpFactor totpFactor(JdbcClient jdbc, Vault vault, TransactionOperations transactions, Clock clock) {
		return new TotpFactor(jdbc, vault, transactions, clock);
	}

	@Bean
	TotpSignIn totpSignIn(TotpFactor totp, AccountLockout lockout, SourceThrottle throttle, SecurityEvents events,
			TransactionOperations transactions, SignInHistory history) {
		return new TotpSignIn(totp, lockout, throttle, events, transactions, history);
	}

	@Bean
	TotpEnrolments totpEnrolments(TotpFactor totp, SecurityEvents events, SignInNotices notices) {
		return new TotpEnrolments(totp, events, notices);
	}

	@Bean
	CustomerProfiles customerProfiles(JdbcClient jdbc, Vault vault) {
		return new CustomerProfiles(jdbc, vault);
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
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	CustomerSessions customerSessions(SecurityContextRepository customerSecurityContexts,
			CsrfTokenRepository customerCsrfTokens, IdentityProperties properties, Clock clock,
			TransactionalSessionRepository sessionStore) {
		return new CustomerSessions(customerSecurityContexts, customerCsrfTokens,
				Math.toIntExact(properties.session().customerIdleTimeout().toSeconds()), clock, sessionStore);
	}

}
