package jp.mamori.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jp.mamori.identity.CustomerId;
import jp.mamori.platform.db.DeferredWrites;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * {@link SignInHistory} in PostgreSQL. Recording is one statement (insert and trim together), sent with
 * the sign-in's other write-only rows in its transaction's commit ({@link DeferredWrites}): it
 * adds no round trip and no commit of its own to the sign-in that calls it, whether or not there is an
 * account to record it for. A succeeded entry is also its sign-in notice, due at once in the request's
 * language; {@link SignInNoticeOutbox} is told after the commit and mails it.
 */
final class JdbcSignInHistory implements SignInHistory {

	private final JdbcClient jdbc;

	private final DeferredWrites writes;

	private final Clock clock;

	private final SignInNoticeOutbox notices;

	JdbcSignInHistory(JdbcClient jdbc, DeferredWrites writes, Clock clock, SignInNoticeOutbox notices) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(writes, "writes cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		Assert.notNull(notices, "notices cannot be null");
		this.jdbc = jdbc;
		this.writes = writes;
		this.clock = clock;
		this.notices = notices;
	}

	@Override
	public void record(CustomerId account, Method method, Result result, ClientSource source, String noticeMethod) {
		Assert.notNull(method, "method cannot be null");
		Assert.notNull(result, "result cannot be null");
		Assert.notNull(source, "source cannot be null");
		Assert.hasText(noticeMethod, "noticeMethod cannot be empty");
		UUID id = (account != null) ? account.value() : null;
		Timestamp now = Timestamp.from(this.clock.instant());
		boolean notice = (id != null) && result == Result.SUCCEEDED;
		// Without an account the same statement runs and writes nothing. The delete sees the rows as they
		// were before this insert, so it keeps KEPT - 1 of them.
		this.writes.write("""
				with added as (
				    insert into identity_sign_in_history
				        (account_id, occurred_at, source_address, device, method, result,
				         notice_due_at, notice_language, notice_method)
				    select ?::uuid, ?, ?, ?, ?, ?, ?, ?, ? where ?::uuid is not null)
				delete from identity_sign_in_history where id in (
				    select id from identity_sign_in_history where account_id = ?::uuid
				    order by occurred_at desc, id desc offset ?)""", id, now, source.addressText(),
				SignInNotices.describe(source.userAgent()), method.code(), result.code(), notice ? now : null,
				notice ? SignInNoticeOutbox.languageCode(source.language()) : null, notice ? noticeMethod : null, id, id,
				KEPT - 1);
		if (notice) {
			this.notices.queued();
		}
	}

	@Override
	public List<Entry> recent(CustomerId account) {
		return this.jdbc.sql("""
				select occurred_at, source_address, device, method, result from identity_sign_in_history
				where account_id = ? order by occurred_at desc, id desc limit ?""")
			.params(account.value(), KEPT)
			.query((rs, row) -> new Entry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
					rs.getString(4), rs.getString(5)))
			.list();
	}

}
