package jp.mamori.staff.internal;

import java.time.Clock;

import jp.mamori.identity.credentials.IdentityProperties;
import jp.mamori.identity.credentials.JdbcAccountLockout;
import jp.mamori.identity.credentials.PasswordHasher;
import jp.mamori.identity.credentials.PasswordPolicy;
import jp.mamori.identity.credentials.SourceThrottle;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.platform.web.Problems;
import jp.mamori.vault.Vault;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires the staff side: accounts, setup tokens, TOTP, sign-in and default-deny access. */
@Configuration(proxyBeanMethods = false)
class StaffConfiguration {

	@Bean
	StaffAccounts staffAccounts(JdbcClient jdbc) {
		return new StaffAccounts(jdbc);
	}

	@Bean
	StaffTotp staffTotp(JdbcClient jdbc, Vault vault, TransactionOperations transactions, Clock clock) {
		return new StaffTotp(jdbc, vault, transactions, clock);
	}

	/** Security decision: the setup token goes to standard error only, never to the structured log. */
	@Bean
	StaffSetup staffSetup(JdbcClient jdbc, StaffAccounts accounts, PasswordHasher hasher, PasswordPolicy policy,
			TransactionOperations transactions, SecurityEvents events, Clock clock) {
		return new StaffSetup(jdbc, accounts, hasher, policy, transactions, events, clock, () -> System.err);
	}

	@Bean
	StaffAdministration staffAdministration(StaffAccounts accounts, StaffSetup setup, JdbcClient jdbc,
			TransactionOperations transactions, Clock clock) {
		return new StaffAdministration(accounts, setup, jdbc, transactions, clock);
	}

	/** The customers' lockout rules and settings, counted in the staff lockout table. */
	@Bean
	StaffSignIn staffSignIn(StaffAccounts accounts, StaffTotp totp, PasswordHasher hasher, SourceThrottle throttle,
			SecurityEvents events, JdbcClient jdbc, TransactionOperations transactions, IdentityProperties properties,
			Clock clock) {
		JdbcAccountLockout lockout = new JdbcAccountLockout(jdbc, transactions, properties.lockout(), events, clock,
				JdbcAccountLockout.Accounts.STAFF);
		return new StaffSignIn(accounts, totp, hasher, lockout, throttle, events);
	}

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	StaffStepUp staffStepUp(StaffAccounts accounts, StaffSessions sessions) {
		return new StaffStepUp(accounts, sessions);
	}

	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	WebMvcConfigurer staffAccess(StaffAccounts accounts, Problems problems) {
		StaffAccessInterceptor interceptor = new StaffAccessInterceptor(accounts, problems);
		return new WebMvcConfigurer() {

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(interceptor).addPathPatterns("/api/v1/staff/**", "/console", "/console/**");
			}

		};
	}

}
