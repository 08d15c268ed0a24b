package jp.mamori.audit.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import jp.mamori.audit.Actor;
import jp.mamori.audit.InvalidLogEntryException;
import jp.mamori.audit.OperationLog;
import jp.mamori.testing.MamoriTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Recording entries: what is stored, in whose transaction, and what is refused. */
@MamoriTest
class OperationLogRecordingTests {

	@Autowired
	OperationLog log;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void recordStoresTheDetailsAsCanonicalJson() {
		UUID id = this.log.record(Actor.staff("staff-7"), "customer.address.read", "customer-9", "ticket-1",
				Map.of("z", 1, "a", List.of("x", true), "m", Map.of("b", "y")));
		assertThat(this.jdbc.sql("select details from audit_entry where entry_uuid = ?").param(id).query(String.class)
			.single()).isEqualTo("{\"a\":[\"x\",true],\"m\":{\"b\":\"y\"},\"z\":1}");
	}

	@Test
	void anEntryIsRolledBackWithTheChangeItDescribes() {
		UUID[] id = new UUID[1];
		this.transactions.executeWithoutResult((status) -> {
			id[0] = this.log.record(Actor.system("test"), "order.cancelled", "order-1", null, Map.of());
			status.setRollbackOnly();
		});
		assertThat(count(id[0])).isZero();
	}

	@Test
	void anEntryIsCommittedWithTheChangeItDescribes() {
		UUID id = this.transactions
			.execute((status) -> this.log.record(Actor.system("test"), "order.cancelled", "order-1", null, Map.of()));
		assertThat(count(id)).isOne();
	}

	@Test
	void nulCharactersAreRefusedWithAClearMessage() {
		assertThatExceptionOfType(InvalidLogEntryException.class)
			.isThrownBy(() -> this.log.record(Actor.system("test"), "a.b", "x\0y", null, Map.of()))
			.withMessageContaining("NUL");
		assertThatExceptionOfType(InvalidLogEntryException.class)
			.isThrownBy(() -> this.log.record(Actor.system("test"), "a.b", null, null, Map.of("k", "v\0")))
			.withMessageContaining("NUL");
	}

	@Test
	void absurdlyLargeDetailsAreRefused() {
		assertThatExceptionOfType(InvalidLogEntryException.class)
			.isThrownBy(() -> this.log.record(Actor.system("test"), "a.b", null, null, Map.of("k", "x".repeat(20_000))))
			.withMessageContaining("larger than");
	}

	@Test
	void malformedActionsAndUnsupportedValuesAreRefused() {
		assertThatExceptionOfType(InvalidLogEntryException.class)
			.isThrownBy(() -> this.log.record(Actor.system("test"), "Order Viewed", null, null, Map.of()));
		assertThatExceptionOfType(InvalidLogEntryException.class)
			.isThrownBy(() -> this.log.record(Actor.system("test"), "a.b", null, null, Map.of("price", 1.5)));
	}

	private long count(UUID id) {
		return this.jdbc.sql("select count(*) from audit_entry where entry_uuid = ?").param(id).query(Long.class).single();
	}

}
