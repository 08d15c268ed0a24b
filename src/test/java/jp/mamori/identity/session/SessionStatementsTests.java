package jp.mamori.identity.session;

import java.nio.charset.StandardCharsets;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jp.mamori.platform.db.DeferredWrites;
import jp.mamori.platform.db.DeferredWritesTransactionManager;
import jp.mamori.platform.db.EmbeddedPostgresServer;
import jp.mamori.testing.TemporaryHome;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring Session's statements for a new session, deferred to the commit, against a real PostgreSQL. */
class SessionStatementsTests {

	private static final String TABLE = JdbcIndexedSessionRepository.DEFAULT_TABLE_NAME;

	private static final String INSERT_SESSION = SessionStatements.CREATE_SESSION.replace("%TABLE_NAME%", TABLE);

	private static final String INSERT_ATTRIBUTE = SessionStatements.CREATE_ATTRIBUTE.replace("%TABLE_NAME%", TABLE);

	private static EmbeddedPostgresServer server;

	private static JdbcClient jdbc;

	private static SessionStatements statements;

	private static TransactionTemplate transactions;

	/** The SQL of every statement prepared, in order. */
	private static final List<String> prepared = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void start() throws SQLException {
		server = EmbeddedPostgresServer.start(TemporaryHome.create().resolve("pgdata"), 0);
		var dataSource = new DelegatingDataSource(server.superuserDataSource("postgres")) {

			@Override
			public Connection getConnection() throws SQLException {
				Connection connection = super.getConnection();
				return (Connection) Proxy.newProxyInstance(SessionStatementsTests.class.getClassLoader(),
						new Class<?>[] { Connection.class }, (proxy, method, args) -> {
							if (method.getName().equals("prepareStatement")) {
								prepared.add((String) args[0]);
							}
							try {
								return method.invoke(connection, args);
							}
							catch (InvocationTargetException ex) {
								throw ex.getCause();
							}
						});
			}

		};
		var connection = DataSourceUtils.getConnection(dataSource);
		try {
			ScriptUtils.executeSqlScript(connection,
					new ClassPathResource("org/springframework/session/jdbc/schema-postgresql.sql"));
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
		jdbc = JdbcClient.create(dataSource);
		DeferredWrites writes = new DeferredWrites(dataSource);
		statements = new SessionStatements(dataSource, writes, new jp.mamori.identity.credentials.SessionIds(
				new jp.mamori.identity.credentials.SecretDigests(new byte[32], java.util.List.of())));
		transactions = new TransactionTemplate(new DeferredWritesTransactionManager(dataSource, writes));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void aNewSessionsAttributesAreOneInsertOfAllTheirRowsSentWithTheCommit() {
		String session = "a1b2c3d4-0000-4000-8000-00000000000a";
		List<String> names = List.of("first", "second", "third", "fourth");
		prepared.clear();
		transactions.executeWithoutResult((status) -> statements.deferringNewSession(() -> {
			statements.update(INSERT_SESSION, (statement) -> setSession(statement, session));
			int[] counts = statements.batchUpdate(INSERT_ATTRIBUTE, new BatchPreparedStatementSetter() {

				@Override
				public void setValues(PreparedStatement statement, int row) throws SQLException {
					statement.setString(1, session);
					statement.setString(2, names.get(row));
					statement.setBytes(3, ("value of " + names.get(row)).getBytes(StandardCharsets.UTF_8));
				}

				@Override
				public int getBatchSize() {
					return names.size();
				}

			});
			assertThat(counts).containsExactly(1, 1, 1, 1);
			assertThat(attributes(session)).as("nothing before the commit").isEmpty();
		}));
		assertThat(prepared.stream().filter((sql) -> !sql.startsWith("select")))
			.as("one multi-statement: the session, one insert of four rows, the commit")
			.singleElement()
			.satisfies((sql) -> assertThat(sql.split(";")).hasSize(3)
				.satisfies((parts) -> assertThat(parts[1]).contains("_attributes").containsOnlyOnce("values (")));
		assertThat(attributes(session)).as("each row with its own values, none shifted")
			.containsExactly("first=value of first", "fourth=value of fourth", "second=value of second",
					"third=value of third");
	}

	@Test
	void onlyAnInsertEndingInOneRowOfParametersTakesMoreRows() {
		assertThat(SessionStatements.columnsOfOneRow(INSERT_ATTRIBUTE)).isEqualTo(3);
		assertThat(SessionStatements.columnsOfOneRow(INSERT_SESSION)).isEqualTo(7);
		assertThat(SessionStatements.columnsOfOneRow("insert into t (a, b) values (?, now())")).isZero();
		assertThat(SessionStatements.columnsOfOneRow("insert into t (a) select ? where true")).isZero();
		assertThat(SessionStatements.columnsOfOneRow("update t set a = ? where b in (?)")).isZero();
	}

	@Test
	void twoRequestsOfOneSessionThatAddTheSameAttributeBothSucceedAndTheLaterValueStays() {
		JdbcIndexedSessionRepository repository = new JdbcIndexedSessionRepository(statements, transactions);
		repository.setCreateSessionAttributeQuery(SessionStatements.CREATE_ATTRIBUTE);
		assertThat(addedByTwoRequestsAtOnce(repository)).isEqualTo("second");
	}

	/** @return the attribute's value after two requests, each of which loaded the session before the other saved */
	private static <S extends Session> String addedByTwoRequestsAtOnce(SessionRepository<S> repository) {
		S session = repository.createSession();
		repository.save(session);
		S first = repository.findById(session.getId());
		S second = repository.findById(session.getId());
		first.setAttribute("challenge", "first");
		second.setAttribute("challenge", "second");
		repository.save(first);
		repository.save(second);
		return repository.findById(session.getId()).getAttribute("challenge");
	}

	@Test
	void aNewSessionsAttributesStillGoInOneInsertThatReplacesRowsAlreadyThere() {
		assertThat(SessionStatements.columnsOfOneRow(INSERT_ATTRIBUTE + " ")).isZero();
		assertThat(INSERT_ATTRIBUTE).endsWith(SessionStatements.REPLACING);
	}

	private static void setSession(PreparedStatement statement, String session) throws SQLException {
		statement.setString(1, session);
		statement.setString(2, new StringBuilder(session).reverse().toString());
		statement.setLong(3, 1L);
		statement.setLong(4, 1L);
		statement.setInt(5, 1800);
		statement.setLong(6, 1_800_001L);
		statement.setString(7, null);
	}

	private static List<String> attributes(String session) {
		return jdbc.sql("select attribute_name || '=' || convert_from(attribute_bytes, 'UTF8') from " + TABLE
				+ "_attributes where session_primary_id = ? order by attribute_name")
			.param(session)
			.query(String.class)
			.list();
	}

}
