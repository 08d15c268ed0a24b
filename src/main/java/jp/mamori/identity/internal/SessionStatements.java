package jp.mamori.identity.internal;

import javax.sql.DataSource;

import jp.mamori.platform.db.DeferredWrites;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.util.Assert;

/**
 * The statements Spring Session JDBC runs. While a sign-in writes its new session within its own
 * transaction ({@link TransactionalSessionRepository}), the session's rows are not sent one statement
 * after another: they go with the transaction's other write-only rows (the history entry, the security
 * event) in one round trip with the commit ({@link DeferredWrites}).
 *
 * <p>Only a session's first save is deferred, recognised by its first statement being the insert of the
 * session itself: its attribute rows can then only refer to a row of the same transaction. Saving a
 * session that is already stored runs as always, so that Spring Session still sees the outcome of each
 * statement (an attribute of a session removed meanwhile is skipped, not a failed commit).
 */
final class SessionStatements extends JdbcTemplate {

	/** Spring Session's insert of a session, with the table name still to be put in. */
	static final String CREATE_SESSION = "insert into %TABLE_NAME% (primary_id, session_id, creation_time, "
			+ "last_access_time, max_inactive_interval, expiry_time, principal_name) values (?, ?, ?, ?, ?, ?, ?)";

	/** Spring Session's insert of one of a session's attributes, with the table name still to be put in. */
	static final String CREATE_ATTRIBUTE = "insert into %TABLE_NAME%_attributes "
			+ "(session_primary_id, attribute_name, attribute_bytes) values (?, ?, ?)";

	private static final String NEW_SESSION = CREATE_SESSION.replace("%TABLE_NAME%",
			JdbcIndexedSessionRepository.DEFAULT_TABLE_NAME);

	private final DeferredWrites writes;

	/** Per thread: how the save under way treats its writes; {@code null} outside such a save. */
	private final ThreadLocal<Mode> mode = new ThreadLocal<>();

	private enum Mode {

		/** No write yet: the first one decides. */
		UNDECIDED,

		/** A new session: its writes go with the commit. */
		DEFERRED,

		/** A session already stored: its writes run at once. */
		AT_ONCE

	}

	SessionStatements(DataSource dataSource, DeferredWrites writes) {
		super(dataSource);
		Assert.notNull(writes, "writes cannot be null");
		this.writes = writes;
		// As Spring Session sets up its own: duplicate keys are told apart from other integrity errors.
		setExceptionTranslator(new SQLErrorCodeSQLExceptionTranslator(dataSource));
		afterPropertiesSet();
	}

	/** Run {@code save}; if it stores a new session, its rows are sent with the transaction's commit. */
	void deferringNewSession(Runnable save) {
		Assert.notNull(save, "save cannot be null");
		this.mode.set(Mode.UNDECIDED);
		try {
			save.run();
		}
		finally {
			this.mode.remove();
		}
	}

	@Override
	public int update(String sql, PreparedStatementSetter setter) {
		if (defers(sql)) {
			this.writes.write(sql, setter);
			return 1;
		}
		return super.update(sql, setter);
	}

	@Override
	public int[] batchUpdate(String sql, BatchPreparedStatementSetter setter) {
		if (defers(sql)) {
			int size = setter.getBatchSize();
			int[] counts = new int[size];
			for (int i = 0; i < size; i++) {
				int row = i;
				this.writes.write(sql, (statement) -> setter.setValues(statement, row));
				counts[i] = 1;
			}
			return counts;
		}
		return super.batchUpdate(sql, setter);
	}

	/** The first write of a save decides for the rest of it: deferred if it inserts a new session. */
	private boolean defers(String sql) {
		Mode mode = this.mode.get();
		if (mode == Mode.UNDECIDED) {
			mode = NEW_SESSION.equals(sql) ? Mode.DEFERRED : Mode.AT_ONCE;
			this.mode.set(mode);
		}
		return mode == Mode.DEFERRED;
	}

}
