package jp.mamori.platform.db;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * Writes that nothing reads back before the transaction ends (an audit record, a history entry, a new
 * session's rows) go to PostgreSQL together with the transaction's commit, in one round trip, instead
 * of one round trip each as they happen and one more for the commit.
 *
 * <p>Atomicity is unchanged: the writes are part of the transaction that made them and commit or roll
 * back with it. They are sent, followed by {@code commit}, as one multi-statement: PostgreSQL runs the
 * statements in order and stops at the first that fails, and then the transaction rolls back; a commit
 * that fails rolls everything back. What changes is only <em>when</em> the rows reach the database: a
 * query in the same transaction does not see them. Use this only for such write-only rows.
 *
 * <p>Writes are deferred only within a transaction of {@link DeferredWritesTransactionManager}, which
 * sends them when it commits; anywhere else (no transaction, another transaction manager, or after the
 * commit) a write runs at once. A transaction that is suspended (by one that requires a new transaction)
 * keeps its writes; the new one collects and commits its own. None of the statements may contain a
 * {@code ;} of its own.
 */
public final class DeferredWrites {

	/** Ends the batch: the statements before it and the commit go to the database in one round trip. */
	private static final Statement COMMIT = new Statement("commit", new Object[0], null);

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	public DeferredWrites(DataSource dataSource) {
		Assert.notNull(dataSource, "dataSource cannot be null");
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/** @return the database these writes go to */
	DataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * Insert, update or delete with {@code sql} and positional {@code parameters}: with the current
	 * transaction's commit, or at once outside such a transaction.
	 */
	public void write(String sql, Object... parameters) {
		Assert.notNull(parameters, "parameters cannot be null");
		write(new Statement(sql, parameters.clone(), null));
	}

	/**
	 * Insert, update or delete with {@code sql}, whose parameters {@code setter} sets, as JDBC code that
	 * would run the statement at once does. The setter is called now, and what it sets is kept: the
	 * values are those of this moment even if the statement runs later. It may only call the
	 * {@code set…} methods of the statement it is given.
	 */
	public void write(String sql, PreparedStatementSetter setter) {
		Assert.notNull(setter, "setter cannot be null");
		write(new Statement(sql, null, Recorded.from(setter)));
	}

	private void write(Statement statement) {
		Batch batch = current();
		if (batch == null) {
			send(List.of(statement));
			return;
		}
		batch.statements.add(statement);
	}

	/** @return the current transaction's batch; {@code null} to write at once */
	private Batch current() {
		Batch batch = batchOfCurrentTransaction();
		return (batch != null && !batch.sent) ? batch : null;
	}

	/**
	 * The current transaction's own batch: its synchronizations are those of the current transaction only,
	 * a suspended transaction's being set aside with it.
	 */
	private Batch batchOfCurrentTransaction() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return null;
		}
		for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
			if (synchronization instanceof Batch batch && batch.owner == this) {
				return batch;
			}
		}
		return null;
	}

	/** A new transaction of {@link DeferredWritesTransactionManager} begins: its writes wait for its commit. */
	void begin() {
		TransactionSynchronizationManager.registerSynchronization(new Batch(this));
	}

	/**
	 * The current transaction commits: send its writes, if it has any, and the commit itself in one round
	 * trip. Writes made from now on run at once.
	 */
	void sendWithCommit() {
		Batch batch = batchOfCurrentTransaction();
		if (batch == null) {
			return;
		}
		batch.sent = true;
		if (!batch.statements.isEmpty()) {
			List<Statement> statements = new ArrayList<>(batch.statements);
			statements.add(COMMIT);
			send(statements);
		}
	}

	/** Send {@code statements}, in order, in one round trip. */
	private void send(List<Statement> statements) {
		StringBuilder sql = new StringBuilder();
		for (Statement statement : statements) {
			sql.append((sql.length() > 0) ? ";\n" : "").append(statement.sql());
		}
		this.jdbc.execute(sql.toString(), (PreparedStatementCallback<Void>) (prepared) -> {
			int offset = 0;
			for (Statement statement : statements) {
				offset += statement.setInto(prepared, offset);
			}
			prepared.execute();
			// Read every statement's outcome, so that a failure in any of them is raised here.
			while (prepared.getMoreResults() || prepared.getUpdateCount() != -1) {
				// next
			}
			return null;
		});
	}

	/**
	 * One statement and its parameters: given as values, or as the setter calls recorded from code
	 * written for a statement of its own.
	 */
	private record Statement(String sql, Object[] values, Recorded recorded) {

		Statement {
			Assert.hasText(sql, "sql cannot be empty");
			Assert.isTrue(sql.indexOf(';') < 0, "sql must be one statement without ';'");
		}

		/** Set this statement's parameters, numbered after {@code offset} others. @return how many */
		int setInto(PreparedStatement prepared, int offset) throws SQLException {
			if (this.recorded != null) {
				return this.recorded.replay(prepared, offset);
			}
			for (int i = 0; i < this.values.length; i++) {
				StatementCreatorUtils.setParameterValue(prepared, offset + i + 1, SqlTypeValue.TYPE_UNKNOWN,
						this.values[i]);
			}
			return this.values.length;
		}

	}

	/** The {@code set…(index, value…)} calls a setter made, to be made again on another statement. */
	private record Recorded(List<Method> methods, List<Object[]> arguments, int count) {

		static Recorded from(PreparedStatementSetter setter) {
			List<Method> methods = new ArrayList<>();
			List<Object[]> arguments = new ArrayList<>();
			int[] highest = { 0 };
			PreparedStatement recorder = (PreparedStatement) Proxy.newProxyInstance(
					DeferredWrites.class.getClassLoader(), new Class<?>[] { PreparedStatement.class },
					(proxy, method, args) -> {
						if (!method.getName().startsWith("set") || args == null || args.length < 2
								|| method.getParameterTypes()[0] != int.class) {
							throw new UnsupportedOperationException(
									"a deferred write's setter may only set parameters, not call " + method.getName());
						}
						methods.add(method);
						arguments.add(args.clone());
						highest[0] = Math.max(highest[0], (int) args[0]);
						return null;
					});
			try {
				setter.setValues(recorder);
			}
			catch (SQLException ex) {
				throw new IllegalStateException("could not record a deferred write's parameters", ex);
			}
			return new Recorded(List.copyOf(methods), List.copyOf(arguments), highest[0]);
		}

		int replay(PreparedStatement prepared, int offset) throws SQLException {
			for (int i = 0; i < this.methods.size(); i++) {
				Object[] args = this.arguments.get(i).clone();
				args[0] = (int) args[0] + offset;
				try {
					this.methods.get(i).invoke(prepared, args);
				}
				catch (InvocationTargetException ex) {
					if (ex.getCause() instanceof SQLException sql) {
						throw sql;
					}
					throw new IllegalStateException(ex.getCause());
				}
				catch (IllegalAccessException ex) {
					throw new IllegalStateException(ex);
				}
			}
			return this.count;
		}

	}

	/** One transaction's writes, waiting for its commit. */
	private static final class Batch implements TransactionSynchronization {

		private final DeferredWrites owner;

		private final List<Statement> statements = new ArrayList<>();

		private boolean sent;

		private Batch(DeferredWrites owner) {
			this.owner = owner;
		}

	}

}
