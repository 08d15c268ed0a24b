package jp.mamori.identity.session;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.mamori.identity.credentials.SessionIds;

import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.util.Assert;

/**
 * Puts the stored form of a session ID ({@link SessionIds}) wherever Spring Session's statements pass a
 * session ID to PostgreSQL, and gives the ID back where it reads a session by ID.
 *
 * <p>Security decision: {@code spring_session.session_id} never holds a session ID, only its keyed hash;
 * every statement that names a session by ID (insert, change of ID, read, delete) is rewritten here, so
 * no path of Spring Session's can store or look up the raw ID. The statements are recognised by their
 * text (an insert naming the {@code session_id} column, or a condition or assignment
 * {@code session_id = ?}), which is Spring Session's own and this application's, never a client's.
 */
final class SessionIdParameters {

	private static final Pattern BY_ID = Pattern.compile("(?i)(?<![A-Z_])(?:S\\.)?SESSION_ID\\s*=\\s*\\?");

	private final SessionIds ids;

	SessionIdParameters(SessionIds ids) {
		Assert.notNull(ids, "ids cannot be null");
		this.ids = ids;
	}

	/** @return the 1-based index of the session ID among {@code sql}'s parameters, or 0 if it has none */
	int indexOf(String sql) {
		String text = sql.strip();
		if (text.regionMatches(true, 0, "insert into ", 0, "insert into ".length())) {
			// An insert of a session names its columns, each given by one parameter in that order.
			int open = text.indexOf('(');
			int close = text.indexOf(')', open + 1);
			if (open < 0 || close < 0) {
				return 0;
			}
			String[] columns = text.substring(open + 1, close).split(",");
			for (int i = 0; i < columns.length; i++) {
				if (columns[i].strip().equalsIgnoreCase("session_id")) {
					return i + 1;
				}
			}
			return 0;
		}
		Matcher matcher = BY_ID.matcher(sql);
		if (!matcher.find()) {
			return 0;
		}
		int before = 0;
		for (int i = 0; i < matcher.start(); i++) {
			if (sql.charAt(i) == '?') {
				before++;
			}
		}
		return before + 1;
	}

	/** @return {@code setter}, setting the stored form where it sets the session ID */
	PreparedStatementSetter setter(String sql, PreparedStatementSetter setter) {
		return setter(indexOf(sql), setter, new AtomicReference<>());
	}

	/** @return {@code args} with the session ID replaced by its stored form */
	Object[] arguments(String sql, Object[] args) {
		int index = indexOf(sql);
		if (index == 0 || args == null || args.length < index || !(args[index - 1] instanceof String id)) {
			return args;
		}
		Object[] hashed = args.clone();
		hashed[index - 1] = this.ids.stored(id);
		return hashed;
	}

	/**
	 * For a read of one session by its ID: the statement looks for the stored form, and the session read
	 * carries the ID it was asked for, so that Spring Session goes on using (and the cookie keeps) the ID.
	 */
	<T> T query(String sql, PreparedStatementSetter setter, ResultSetExtractor<T> extractor, Query<T> query) {
		int index = indexOf(sql);
		if (index == 0 || setter == null) {
			return query.run(sql, setter, extractor);
		}
		AtomicReference<String> asked = new AtomicReference<>();
		return query.run(sql, setter(index, setter, asked), (rs) -> extractor.extractData(withId(rs, asked)));
	}

	/** The template's own query, called back with the rewritten parts. */
	interface Query<T> {

		T run(String sql, PreparedStatementSetter setter, ResultSetExtractor<T> extractor);

	}

	private PreparedStatementSetter setter(int index, PreparedStatementSetter setter, AtomicReference<String> asked) {
		if (index == 0 || setter == null) {
			return setter;
		}
		return (statement) -> setter.setValues(proxy(PreparedStatement.class, statement, (method, args) -> {
			if (method.equals("setString") && args.length == 2 && args[0] instanceof Integer at && at == index
					&& args[1] instanceof String id) {
				asked.set(id);
				return new Object[] { at, this.ids.stored(id) };
			}
			return args;
		}));
	}

	private static ResultSet withId(ResultSet rs, AtomicReference<String> asked) {
		return (ResultSet) Proxy.newProxyInstance(SessionIdParameters.class.getClassLoader(),
				new Class<?>[] { ResultSet.class }, (proxy, method, args) -> {
					if (method.getName().equals("getString") && args != null && args.length == 1
							&& "SESSION_ID".equalsIgnoreCase(String.valueOf(args[0])) && asked.get() != null) {
						return asked.get();
					}
					return invoke(method, rs, args);
				});
	}

	private interface Rewrite {

		Object[] apply(String method, Object[] args);

	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(Class<T> type, T target, Rewrite rewrite) {
		return (T) Proxy.newProxyInstance(SessionIdParameters.class.getClassLoader(), new Class<?>[] { type },
				(proxy, method, args) -> invoke(method, target,
						(args != null) ? rewrite.apply(method.getName(), args) : null));
	}

	private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
