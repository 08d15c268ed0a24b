package jp.mamori.audit.internal;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import jp.mamori.testing.MamoriTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThatException;

/** The application's role may read and append to the log tables, and nothing else. */
@MamoriTest
class OperationLogPermissionTests {

	@Autowired
	JdbcClient application;

	@Autowired
	@Qualifier("migrationDataSource")
	DataSource owner;

	@ParameterizedTest(name = "{0} on {1}")
	@CsvSource({ "update,audit_entry", "delete,audit_entry", "truncate,audit_entry", "update,audit_chain",
			"delete,audit_chain", "truncate,audit_chain", "update,audit_checkpoint", "delete,audit_checkpoint",
			"truncate,audit_checkpoint", "update,security_event", "delete,security_event",
			"truncate,security_event" })
	void theApplicationRoleIsDeniedChangingOrRemovingLogRows(String statement, String table) {
		assertThatException().isThrownBy(() -> this.application.sql(sql(statement, table)).update())
			.havingRootCause()
			.withMessageContaining("permission denied");
	}

	@Test
	void theApplicationRoleCannotChooseAnEntrysTransactionId() {
		assertThatException()
			.isThrownBy(() -> this.application.sql("insert into audit_entry (entry_uuid, occurred_at, actor_kind, "
					+ "actor_id, action, details, txid) values (gen_random_uuid(), now(), 'SYSTEM', 'x', 'a.b', '{}', "
					+ "'3'::xid8)").update())
			.havingRootCause()
			.withMessageContaining("permission denied");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "audit_chain", "audit_checkpoint", "audit_rejected_entry", "audit_mac_required" })
	void theApplicationRoleCannotWriteWhatOnlyTheSealerOrTheMigrationWrites(String table) {
		assertThatException().isThrownBy(() -> this.application.sql("insert into " + table + " select * from " + table
				+ " limit 1").update()).havingRootCause().withMessageContaining("permission denied");
	}

	@ParameterizedTest(name = "{0} on {1}")
	@CsvSource({ "update,audit_entry", "delete,audit_entry", "truncate,audit_entry", "truncate,audit_checkpoint",
			"truncate,security_event" })
	void evenTheOwnerIsStoppedByTheAppendOnlyTriggers(String statement, String table) {
		JdbcClient ownerSql = JdbcClient.create(this.owner);
		ownerSql.sql("insert into audit_entry (entry_uuid, occurred_at, actor_kind, actor_id, action, details) "
				+ "values (gen_random_uuid(), now(), 'SYSTEM', 'owner-test', 'test.row', '{}')").update();
		assertThatException().isThrownBy(() -> ownerSql.sql(sql(statement, table)).update())
			.havingRootCause()
			.withMessageContaining("append-only");
	}

	private static String sql(String statement, String table) {
		return switch (statement) {
			case "update" -> "update " + table + " set " + (table.equals("audit_chain") ? "seq = seq"
					: table.equals("audit_checkpoint") ? "key_id = key_id" : table.equals("security_event")
							? "name = name" : "action = action");
			case "delete" -> "delete from " + table;
			default -> "truncate " + table + " cascade";
		};
	}

}
