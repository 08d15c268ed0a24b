package jp.mamori.identity.session;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.util.Arrays;

import javax.sql.DataSource;

import jp.mamori.identity.credentials.SessionIds;
import jp.mamori.platform.db.DeferredWrites;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.util.Assert;

/**
 * The statements Spring Session JDBC runs. While a sign-in writes its new session within its own
 * transaction ({@link TransactionalSessionRepository}), the session's rows are not sent one statement
 * after another: they go with the transaction's other write-only rows (the history entry, the security
 * event) in one round trip with the commit ({@link DeferredWrites}), and the batch of its attributes
 * becomes one insert of all their rows.
 *
 * <p>Only a session's first save is deferred, recognised by its first statement being the insert of the
 * session itself: its attribute rows can then only refer to a row of the same transaction. Saving a
 * session that is already stored runs as always, so that Spring Session still sees the outcome of each
 * statement (an attribute of a session removed meanwhile is skipped, not a failed commit).
 *
 * <p>Every statement that names a session by its ID is given the ID's stored form instead
 * ({@link SessionIdParameters}): the table holds keyed hashes, never IDs.
 */
final class SessionStatements extends JdbcTemplate {

	/** Spring Session's insert of a session, with the table name still to be put in. */
	static final String CREATE_SESSION = "insert into %TABLE_NAME% (primary_id, session_id, creation_time, "
			+ "last_access_time, max_inactive_interval, expiry_time, principal_name) values (?, ?, ?, ?, ?, ?, ?)";

	/**
	 * What follows a row that may already be there: two requests of one session that add the same attribute
	 * at once both insert it, and the later one must replace the earlier one's value, not fail.
	 */
	static final String REPLACING = " on conflict (session_primary_id, attribute_name)"
			+ " do update set attribute_bytes = excluded.attribute_bytes";

	/**
	 * Spring Session's insert of one of a session's attributes, with the table name still to be put in. An
	 * attribute added by two requests at once is written by both ({@link #REPLACING}), as Spring Session
	 * advises for PostgreSQL, instead of answering the second with a duplicate key.
	 */
	static final String CREATE_ATTRIBUTE = "insert into %TABLE_NAME%_attributes "
			+ "(session_primary_id, attribute_name, attribute_bytes) values (?, ?, ?)" + REPLACING;

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

	private final SessionIdParameters ids;

	SessionStatements(DataSource dataSource, DeferredWrites writes, SessionIds ids) {
		super(dataSource);
		Assert.notNull(writes, "writes cannot be null");
		this.writes = writes;
		this.ids = new SessionIdParameters(ids);
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
	public <T> T query(String sql, PreparedStatementSetter setter, ResultSetExtractor<T> extractor) {
		return this.ids.query(sql, setter, extractor, super::query);
	}

	@Override
	public int update(String sql, Object... args) {
		return super.update(sql, this.ids.arguments(sql, args));
	}

	@Override
	public int update(String sql, PreparedStatementSetter setter) {
		setter = this.ids.setter(sql, setter);
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
			int columns = columnsOfOneRow(sql);
			if (size > 1 && columns > 0) {
				// One insert of all the rows: the server runs one statement instead of one per attribute.
				String rows = withoutReplacing(sql);
				String more = (", " + rows.substring(rows.lastIndexOf('('))).repeat(size - 1);
				this.writes.write(rows + more + sql.substring(rows.length()), (statement) -> {
					for (int row = 0; row < size; row++) {
						setter.setValues(shifted(statement, row * columns), row);
					}
				});
			}
			else {
				for (int i = 0; i < size; i++) {
					int row = i;
					this.writes.write(sql, (statement) -> setter.setValues(statement, row));
				}
			}
			int[] counts = new int[size];
			Arrays.fill(counts, 1);
			return counts;
		}
		return super.batchUpdate(sql, setter);
	}

	/**
	 * @return how many parameters one row of {@code sql} has, if it is an insert that ends with the row's
	 * {@code values (?, …)} (and perhaps {@link #REPLACING}), which more rows can follow; otherwise {@code 0}
	 */
	static int columnsOfOneRow(String sql) {
		sql = withoutReplacing(sql);
		int values = sql.lastIndexOf("values (");
		if (!sql.startsWith("insert into ") || values < 0 || !sql.endsWith(")")) {
			return 0;
		}
		String[] parameters = sql.substring(values + "values (".length(), sql.length() - 1).split(",");
		for (String parameter : parameters) {
			if (!parameter.strip().equals("?")) {
				return 0;
			}
		}
		return parameters.length;
	}

	/** @return {@code sql} up to its rows, without {@link #REPLACING} if it ends with it */
	private static String withoutReplacing(String sql) {
		return sql.endsWith(REPLACING) ? sql.substring(0, sql.length() - REPLACING.length()) : sql;
	}

	/** {@code statement}, whose parameters the caller numbers from 1 though they come after {@code offset} others. */
	private static PreparedStatement shifted(PreparedStatement statement, int offset) {
		return (PreparedStatement) Proxy.newProxyInstance(SessionStatements.class.getClassLoader(),
				new Class<?>[] { PreparedStatement.class }, (proxy, method, args) -> {
					if (method.getName().startsWith("set") && args != null && args.length >= 2
							&& method.getParameterTypes()[0] == int.class) {
						Object[] moved = args.clone();
						moved[0] = (int) args[0] + offset;
						args = moved;
					}
					try {
						return method.invoke(statement, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
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
