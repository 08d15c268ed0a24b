package jp.mamori.vault.internal;

import java.util.List;

import com.zaxxer.hikari.HikariDataSource;

import jp.mamori.vault.SealContext;
import jp.mamori.vault.Sealed;
import jp.mamori.vault.SealedValueStore;
import jp.mamori.vault.Subject;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * What a business module does with sealed values, on a real table ({@code vault_test_value}): store
 * ciphertext and key reference, and take part in rotation as a {@link SealedValueStore}.
 */
final class TestValueStore implements SealedValueStore {

	static final String FIELD = "test.secret";

	private final JdbcClient jdbc;

	TestValueStore(HikariDataSource applicationPool, JdbcClient jdbc) {
		this.jdbc = jdbc;
		// The application's role cannot create tables; the test plays the schema owner as superuser.
		try (SingleConnectionDataSource owner = new SingleConnectionDataSource(applicationPool.getJdbcUrl(), "postgres",
				"", true)) {
			JdbcClient sql = JdbcClient.create(owner);
			sql.sql("create table if not exists vault_test_value (row_id text primary key, subject text not null, "
					+ "ciphertext bytea not null, key_ref text not null)").update();
			sql.sql("create index if not exists vault_test_value_key on vault_test_value (key_ref)").update();
			sql.sql("grant select, insert, update, delete on vault_test_value to " + applicationPool.getUsername())
				.update();
		}
	}

	void insert(SealContext context, Sealed sealed) {
		this.jdbc.sql("insert into vault_test_value (row_id, subject, ciphertext, key_ref) values (?, ?, ?, ?)")
			.params(context.rowId(), context.subject().reference(), sealed.ciphertext(), sealed.keyReference())
			.update();
	}

	Sealed get(String rowId) {
		return this.jdbc.sql("select ciphertext, key_ref from vault_test_value where row_id = ?")
			.param(rowId)
			.query((rs, n) -> Sealed.of(rs.getBytes(1), rs.getString(2)))
			.single();
	}

	List<Stored> all() {
		return this.jdbc.sql("select row_id, subject, ciphertext, key_ref from vault_test_value order by row_id")
			.query((rs, n) -> new Stored(SealContext.of(Subject.parse(rs.getString(2)), FIELD, rs.getString(1)),
					Sealed.of(rs.getBytes(3), rs.getString(4))))
			.list();
	}

	long countUnder(String keyRef) {
		return this.jdbc.sql("select count(*) from vault_test_value where key_ref = ?")
			.param(keyRef)
			.query(Long.class)
			.single();
	}

	@Override
	public String name() {
		return "test.values";
	}

	@Override
	public List<Stored> findUnder(String keyReference, int limit) {
		return this.jdbc.sql("select row_id, subject, ciphertext, key_ref from vault_test_value where key_ref = ? "
				+ "order by row_id limit ?")
			.params(keyReference, limit)
			.query((rs, n) -> new Stored(SealContext.of(Subject.parse(rs.getString(2)), FIELD, rs.getString(1)),
					Sealed.of(rs.getBytes(3), rs.getString(4))))
			.list();
	}

	@Override
	public boolean replace(Stored current, Sealed replacement) {
		return this.jdbc.sql("update vault_test_value set ciphertext = ?, key_ref = ? "
				+ "where row_id = ? and ciphertext = ? and key_ref = ?")
			.params(replacement.ciphertext(), replacement.keyReference(), current.context().rowId(),
					current.sealed().ciphertext(), current.sealed().keyReference())
			.update() == 1;
	}

}
