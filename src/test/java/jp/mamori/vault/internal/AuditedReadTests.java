package jp.mamori.vault.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import jp.mamori.vault.ReadRefusedException;
import jp.mamori.vault.Reader;
import jp.mamori.vault.SealContext;
import jp.mamori.vault.Sealed;
import jp.mamori.vault.Subject;
import jp.mamori.vault.Vault;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every read of personal data by staff or the system is in the operation log, with its purpose. */
@VaultTest
class AuditedReadTests {

	@Autowired
	Vault vault;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	final Subject customer = Subject.customer("c-" + UUID.randomUUID());

	final SealContext address = SealContext.of(this.customer, "customer.address", "addr-1");

	@Test
	void aStaffReadIsInTheOperationLogWithWhoWhoseWhichFieldAndWhy() {
		Sealed sealed = this.vault.seal(this.address, "東京都渋谷区神南1-2-3");
		assertThat(this.vault.open(sealed, this.address, Reader.staff("staff-7"), "ticket-4711"))
			.isEqualTo("東京都渋谷区神南1-2-3");
		List<Map<String, Object>> reads = reads();
		assertThat(reads).hasSize(1);
		assertThat(reads.get(0)).containsEntry("actor_kind", "STAFF")
			.containsEntry("actor_id", "staff-7")
			.containsEntry("purpose", "ticket-4711");
		assertThat((String) reads.get(0).get("details")).contains("customer.address").contains("addr-1")
			.doesNotContain("渋谷");
	}

	@Test
	void aSystemReadIsLoggedUnderTheJobsName() {
		Sealed sealed = this.vault.seal(this.address, "東京都渋谷区神南1-2-3");
		this.vault.open(sealed, this.address, Reader.system("shipping.label-printer"), "order-99 label");
		assertThat(reads()).singleElement()
			.satisfies((read) -> assertThat(read).containsEntry("actor_kind", "SYSTEM")
				.containsEntry("actor_id", "shipping.label-printer"));
	}

	@Test
	void theLogEntryIsWrittenInTheCallersTransactionBeforeTheValueIsReturned() {
		Sealed sealed = this.vault.seal(this.address, "東京都渋谷区神南1-2-3");
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			this.vault.open(sealed, this.address, Reader.staff("staff-7"), "ticket-1");
			assertThat(reads()).hasSize(1);
			status.setRollbackOnly();
		});
		// Rolled back with the caller's work: the read and its record stand or fall together.
		assertThat(reads()).isEmpty();
	}

	@Test
	void aReadWithoutAPurposeIsRefusedAndNothingIsDecrypted() {
		Sealed sealed = this.vault.seal(this.address, "東京都渋谷区神南1-2-3");
		for (String purpose : new String[] { null, "", "   " }) {
			assertThatThrownBy(() -> this.vault.open(sealed, this.address, Reader.staff("staff-7"), purpose))
				.isInstanceOf(ReadRefusedException.class)
				.hasMessageContaining("purpose");
		}
		assertThat(reads()).isEmpty();
	}

	@Test
	void aCustomersOwnReadIsNotLogged() {
		Sealed sealed = this.vault.seal(this.address, "東京都渋谷区神南1-2-3");
		assertThat(this.vault.open(sealed, this.address, Reader.self(this.customer), "my address"))
			.isEqualTo("東京都渋谷区神南1-2-3");
		assertThat(reads()).isEmpty();
	}

	@Test
	void aCustomerCannotReadAnotherCustomersDataAsThemself() {
		Sealed sealed = this.vault.seal(this.address, "東京都渋谷区神南1-2-3");
		Subject other = Subject.customer("c-" + UUID.randomUUID());
		assertThatThrownBy(() -> this.vault.open(sealed, this.address, Reader.self(other), "my address"))
			.isInstanceOf(ReadRefusedException.class);
	}

	private List<Map<String, Object>> reads() {
		return this.jdbc.sql("select actor_kind, actor_id, purpose, details from audit_entry "
				+ "where action = 'pii.read' and subject = ? order by id")
			.param(this.customer.reference())
			.query()
			.listOfRows();
	}

}
