package jp.mamori.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import jp.mamori.audit.LogIntegrity;
import jp.mamori.audit.Verification;

/**
 * Verification of a sealed log of {@value #ENTRIES} entries; entries per second = {@value #ENTRIES}
 * divided by the time per operation.
 * Run: {@code bench/run OperationLogVerifyBenchmark -f 1 -wi 1 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OperationLogVerifyBenchmark {

	static final int ENTRIES = 200_000;

	private BenchNode node;

	private LogIntegrity integrity;

	@Setup(Level.Trial)
	public void start() {
		this.node = new BenchNode();
		this.integrity = this.node.bean(LogIntegrity.class);
		// Entries shaped like the application's, loaded in bulk: appending 200,000 one by one takes a minute.
		this.node.superuser()
			.sql("insert into audit_entry (entry_uuid, occurred_at, actor_kind, actor_id, action, subject, purpose, "
					+ "details) select gen_random_uuid(), now(), 'STAFF', 'staff-' || (g % 16), 'customer.address.read', "
					+ "'customer-' || g, 'ticket-' || (g % 1000), '{\"fields\":3,\"order_id\":\"order-' || g || '\"}' "
					+ "from generate_series(1, ?) g")
			.param(ENTRIES)
			.update();
		this.integrity.seal();
		this.node.superuser().sql("vacuum analyze audit_entry").update();
		this.node.superuser().sql("vacuum analyze audit_chain").update();
		Verification result = this.integrity.verify();
		if (!result.intact() || result.entriesChecked() != ENTRIES) {
			throw new IllegalStateException("The benchmark log is not what it should be: " + result);
		}
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.node.close();
	}

	@Benchmark
	public Verification verify() {
		return this.integrity.verify();
	}

}
