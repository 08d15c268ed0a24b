package jp.mamori.platform.db;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jp.mamori.testing.TemporaryHome;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Deferred writes against a real PostgreSQL: they reach the database in one round trip with the commit,
 * and they commit or roll back exactly with the transaction that made them.
 */
class DeferredWritesTests {

	private static EmbeddedPostgresServer server;

	private static CountingDataSource dataSource;

	private JdbcClient jdbc;

	private DeferredWrites writes;

	private TransactionTemplate transactions;

	@BeforeAll
	static void start() {
		server = EmbeddedPostgresServer.start(TemporaryHome.create().resolve("pgdata"), 0);
		dataSource = new CountingDataSource(server.superuserDataSource("postgres"));
		JdbcClient.create(dataSource).sql("create table written (id int primary key, note text)").update();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@BeforeEach
	void empty() {
		this.jdbc = JdbcClient.create(dataSource);
		this.jdbc.sql("delete from written").update();
		this.writes = new DeferredWrites(dataSource);
		this.transactions = new TransactionTemplate(new DeferredWritesTransactionManager(dataSource, this.writes));
	}

	@Test
	void withoutATransactionAWriteIsMadeAtOnce() {
		this.writes.write("insert into written (id, note) values (?, ?)", 1, "now");
		assertThat(notes()).containsExactly("now");
	}

	@Test
	void inATransactionTheWritesGoInOneRoundTripWithTheCommitAndInOrder() {
		int before = dataSource.statements.get();
		dataSource.atCommit.set(this::committedElsewhere);
		this.transactions.executeWithoutResult((status) -> {
			this.writes.write("insert into written (id, note) values (?, ?)", 1, "first");
			this.writes.write("insert into written (id, note) values (?, ?)", 2, "second");
			this.writes.write("update written set note = note || ? where id = ?", " (changed later)", 1);
			assertThat(dataSource.statements.get()).as("nothing sent yet").isEqualTo(before);
			assertThat(countInTransaction()).as("not visible in the transaction either: write-only rows").isZero();
		});
		assertThat(dataSource.statements.get() - before).as("one statement for all three, besides the count")
			.isEqualTo(2);
		assertThat(dataSource.seenAtCommit.get()).as("already committed by that statement when the driver is asked to")
			.containsExactly("first (changed later)", "second");
		assertThat(notes()).containsExactly("first (changed later)", "second");
	}

	@Test
	void aTransactionWithoutDeferredWritesCommitsAsUsual() {
		dataSource.atCommit.set(this::committedElsewhere);
		this.transactions.executeWithoutResult(
				(status) -> this.jdbc.sql("insert into written (id, note) values (1, 'at once')").update());
		assertThat(dataSource.seenAtCommit.get()).as("not before the driver commits").isEmpty();
		assertThat(notes()).containsExactly("at once");
	}

	@Test
	void inATransactionOfAnotherTransactionManagerAWriteIsMadeAtOnceInThatTransaction() {
		TransactionTemplate other = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		other.executeWithoutResult((status) -> {
			this.writes.write("insert into written (id, note) values (?, ?)", 1, "at once");
			assertThat(countInTransaction()).as("written in the transaction, so nothing waits for a commit")
				.isOne();
			status.setRollbackOnly();
		});
		assertThat(notes()).isEmpty();
	}

	@Test
	void aTransactionThatRollsBackWritesNothingAndLeavesNothingForTheNext() {
		this.transactions.executeWithoutResult((status) -> {
			this.writes.write("insert into written (id, note) values (?, ?)", 1, "rolled back");
			status.setRollbackOnly();
		});
		assertThat(notes()).isEmpty();
		this.transactions.executeWithoutResult((status) -> this.writes.write("insert into written (id, note) values (?, ?)",
				2, "next"));
		assertThat(notes()).containsExactly("next");
	}

	@Test
	void aWriteThatFailsMakesTheCommitFailAndTheWholeTransactionRollBack() {
		this.jdbc.sql("insert into written (id, note) values (1, 'there before')").update();
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.transactions.executeWithoutResult((status) -> {
				this.jdbc.sql("insert into written (id, note) values (5, 'written at once')").update();
				this.writes.write("insert into written (id, note) values (?, ?)", 2, "deferred");
				this.writes.write("insert into written (id, note) values (?, ?)", 1, "duplicate");
			}));
		assertThat(notes()).containsExactly("there before");
	}

	@Test
	void aNewTransactionWithinAnotherCommitsItsOwnWritesAndLeavesTheOuterOnesToTheOuter() {
		TransactionTemplate inner = new TransactionTemplate(this.transactions.getTransactionManager());
		inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.transactions.executeWithoutResult((status) -> {
			this.writes.write("insert into written (id, note) values (?, ?)", 1, "outer");
			inner.executeWithoutResult((innerStatus) -> this.writes.write("insert into written (id, note) values (?, ?)",
					2, "inner"));
			assertThat(committedElsewhere()).as("the inner one committed on its own, without the outer's write")
				.containsExactly("inner");
			status.setRollbackOnly();
		});
		assertThat(notes()).containsExactly("inner");
	}

	@Test
	void aWriteMadeWhileTheTransactionPreparesToCommitIsStillPartOfIt() {
		this.transactions.executeWithoutResult((status) -> {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public int getOrder() {
					return LOWEST_PRECEDENCE;
				}

				@Override
				public void beforeCommit(boolean readOnly) {
					DeferredWritesTests.this.writes.write("insert into written (id, note) values (?, ?)", 2,
							"while committing");
				}

			});
			this.writes.write("insert into written (id, note) values (?, ?)", 1, "before");
		});
		assertThat(notes()).containsExactly("before", "while committing");
	}

	@Test
	void aSettersValuesAreThoseOfTheMomentOfTheWriteAndFollowTheOthersParameters() {
		StringBuilder note = new StringBuilder("as it was");
		this.transactions.executeWithoutResult((status) -> {
			this.writes.write("insert into written (id, note) values (?, ?)", 1, null);
			this.writes.write("insert into written (id, note) values (?, ?)", (statement) -> {
				statement.setInt(1, 2);
				statement.setString(2, note.toString());
			});
			note.append(", changed after the write");
			this.writes.write("update written set note = ? where id = ?", "set later", 1);
		});
		assertThat(notes()).containsExactly("set later", "as it was");
	}

	@Test
	void aSetterMayOnlySetParameters() {
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> this.writes.write("insert into written (id) values (?)", (statement) -> {
				statement.setInt(1, 1);
				statement.executeUpdate();
			}))
			.withMessageContaining("executeUpdate");
		assertThat(notes()).isEmpty();
	}

	@Test
	void aStatementMustBeOneStatement() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.writes.write("insert into written (id) values (?); drop table written", 1));
		assertThat(this.jdbc.sql("select count(*) from written").query(Integer.class).single()).isZero();
	}

	private List<String> notes() {
		return this.jdbc.sql("select note from written order by id").query(String.class).list();
	}

	private int countInTransaction() {
		return this.jdbc.sql("select count(*) from written").query(Integer.class).single();
	}

	/** What another connection sees now: what has been committed. */
	private List<String> committedElsewhere() {
		return JdbcClient.create(server.superuserDataSource("postgres"))
			.sql("select note from written order by id")
			.query(String.class)
			.list();
	}

	/**
	 * Counts the statements prepared on its connections (one per round trip for these tests' writes), and
	 * can look, when the driver is asked to commit, at what another connection sees.
	 */
	private static final class CountingDataSource extends DelegatingDataSource {

		private final AtomicInteger statements = new AtomicInteger();

		private final AtomicReference<Supplier<List<String>>> atCommit = new AtomicReference<>();

		private final AtomicReference<List<String>> seenAtCommit = new AtomicReference<>();

		private CountingDataSource(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			Connection connection = super.getConnection();
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
					(proxy, method, arguments) -> {
						if (method.getName().equals("prepareStatement")) {
							this.statements.incrementAndGet();
						}
						Supplier<List<String>> look = (method.getName().equals("commit")) ? this.atCommit.getAndSet(null)
								: null;
						if (look != null) {
							this.seenAtCommit.set(look.get());
						}
						try {
							return method.invoke(connection, arguments);
						}
						catch (InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

	}

}
