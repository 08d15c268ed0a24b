package jp.mamori.identity.factors;

import java.time.Clock;

import jp.mamori.identity.credentials.IdentityProperties;
import jp.mamori.identity.session.SignInNotices;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.vault.Vault;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.boot.web.server.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;

/**
 * Wires customers' second factors: TOTP enrolment, and passkeys through Spring Security's WebAuthn
 * relying party over its JDBC repositories (tables from the identity migrations), with their challenges
 * and notices, and the second factors a password sign-in asks for.
 */
@Configuration(proxyBeanMethods = false)
class FactorsConfiguration {

	@Bean
	TotpFactor totpFactor(JdbcClient jdbc, Vault vault, TransactionOperations transactions, Clock clock) {
		return new TotpFactor(jdbc, vault, transactions, clock);
	}

	@Bean
	TotpEnrolments totpEnrolments(TotpFactor totp, SecurityEvents events, SignInNotices notices) {
		return new TotpEnrolments(totp, events, notices);
	}

	@Bean
	PasskeyRelyingParty passkeyRelyingParty(IdentityProperties properties) {
		return new PasskeyRelyingParty(properties.passkeys());
	}

	@Bean
	ApplicationListener<ServletWebServerInitializedEvent> passkeyOriginOfThisServer(PasskeyRelyingParty relyingParty) {
		return (event) -> {
			// The management server announces itself too; only the main (HTTPS) server serves pages.
			if (event.getApplicationContext().getServerNamespace() == null) {
				relyingParty.serverStarted(event.getWebServer().getPort());
			}
		};
	}

	@Bean
	PublicKeyCredentialUserEntityRepository passkeyUserEntities(JdbcTemplate jdbc) {
		return new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
	}

	@Bean
	UserCredentialRepository passkeyCredentials(JdbcTemplate jdbc, Clock clock) {
		return new ClockedCredentials(new JdbcUserCredentialRepository(jdbc), clock);
	}

	@Bean
	WebAuthnRelyingPartyOperations passkeyOperations(PasskeyRelyingParty relyingParty,
			PublicKeyCredentialUserEntityRepository passkeyUserEntities, UserCredentialRepository passkeyCredentials) {
		return relyingParty.operations(passkeyUserEntities, passkeyCredentials);
	}

	@Bean
	PasskeyChallenges passkeyChallenges(JdbcClient jdbc, Clock clock) {
		return new PasskeyChallenges(jdbc, clock);
	}

	@Bean
	PasskeyJson passkeyJson() {
		return new PasskeyJson();
	}

	@Bean
	Passkeys passkeys(WebAuthnRelyingPartyOperations passkeyOperations,
			PublicKeyCredentialUserEntityRepository passkeyUserEntities, PasskeyChallenges challenges,
			PasskeyRelyingParty relyingParty, JdbcClient jdbc, Vault vault, TransactionOperations transactions) {
		return new Passkeys(passkeyOperations, passkeyUserEntities, challenges, relyingParty, jdbc, vault,
				transactions);
	}

	@Bean
	PasskeyMails passkeyMails(SignInNotices notices) {
		return new PasskeyMails(notices);
	}

	/** A password sign-in asks for a second factor when the account has a passkey or TOTP. */
	@Bean
	@Primary
	SecondFactors secondFactors(TotpFactor totp, Passkeys passkeys) {
		return new SecondFactors(totp, passkeys);
	}

}
