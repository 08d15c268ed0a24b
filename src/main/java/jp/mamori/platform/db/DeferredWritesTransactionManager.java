package jp.mamori.platform.db;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.util.Assert;

/**
 * The application's transaction manager: Spring's JDBC one, whose transactions also collect
 * {@link DeferredWrites} and send them with the commit, in the commit's own round trip.
 *
 * <p>The writes are sent after every other part of the commit has run (the synchronizations' before-
 * commit and before-completion steps), so anything that makes the commit fail before then leaves
 * nothing written. If a write or the commit fails, the transaction is rolled back as for any failed
 * commit. When the writes have ended the transaction this way, the driver has nothing left to send for
 * the commit; a transaction without deferred writes commits as usual.
 */
public class DeferredWritesTransactionManager extends JdbcTransactionManager {

	private final transient DeferredWrites writes;

	public DeferredWritesTransactionManager(DataSource dataSource, DeferredWrites writes) {
		super(dataSource);
		Assert.notNull(writes, "writes cannot be null");
		Assert.isTrue(writes.dataSource() == dataSource, "writes must go to the same database");
		this.writes = writes;
	}

	@Override
	protected void prepareSynchronization(DefaultTransactionStatus status, TransactionDefinition definition) {
		super.prepareSynchronization(status, definition);
		if (status.hasTransaction() && status.isNewTransaction() && status.isNewSynchronization()) {
			this.writes.begin();
		}
	}

	@Override
	protected void doCommit(DefaultTransactionStatus status) {
		this.writes.sendWithCommit();
		// After a batch that ended with "commit" the connection is no longer in a transaction and the
		// driver sends nothing; otherwise this is the commit.
		super.doCommit(status);
	}

}
