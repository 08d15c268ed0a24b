package jp.mamori.audit.internal;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.mamori.audit.SecurityEventLog;
import jp.mamori.platform.SecurityEvent;
import jp.mamori.platform.SecurityEvents;
import jp.mamori.testing.MamoriTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Every published security event is stored, in the publisher's transaction, and none carries an address. */
@MamoriTest
class SecurityEventPersistenceTests {

	@Autowired
	SecurityEvents events;

	@Autowired
	SecurityEventLog stored;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aPublishedEventIsStoredAndReadBack() {
		SecurityEvent event = this.events.publish("auth.login.failed", Map.of("account_id", "acct-1", "ip", "192.0.2.7"));
		List<SecurityEvent> recent = this.stored.recent("auth.login.", 10);
		assertThat(recent).contains(event);
		assertThat(this.stored.recent("pii.", 10)).doesNotContain(event);
	}

	@Test
	void anUnderscoreInThePrefixIsNotAWildcard() {
		SecurityEvent event = this.events.publish("security.pan_rejected", Map.of("path", "/checkout"));
		assertThat(this.stored.recent("security.pan_", 10)).contains(event);
		assertThat(this.stored.recent("security.panx", 10)).doesNotContain(event);
	}

	@Test
	void anEventIsRolledBackWithItsPublishersTransaction() {
		SecurityEvent[] event = new SecurityEvent[1];
		this.transactions.executeWithoutResult((status) -> {
			event[0] = this.events.publish("staff.action", Map.of("staff_id", "staff-3"));
			status.setRollbackOnly();
		});
		assertThat(this.stored.recent("staff.action", 100)).doesNotContain(event[0]);
	}

	@Test
	void noEventCanCarryAnEmailAddress() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.events.publish("auth.login.failed", Map.of("login", "hanako@example.jp")));
		this.events.publish("auth.login.failed", Map.of("account_id", "acct-2"));
		assertThat(this.jdbc.sql("select count(*) from security_event").query(Long.class).single()).isPositive();
		assertThat(this.jdbc.sql("select count(*) from security_event where attributes like '%@%' or name like '%@%'")
			.query(Long.class)
			.single()).isZero();
	}

}
