package jp.mamori.bench;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import jp.mamori.audit.Actor;
import jp.mamori.audit.LogIntegrity;
import jp.mamori.audit.OperationLog;

/**
 * Operation-log appends per second with 16 concurrent writers, each append its own transaction,
 * on the embedded PostgreSQL (fsync on) with the background sealer running as in production.
 * Run: {@code bench/run OperationLogAppendBenchmark -f 1 -wi 1 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(16)
public class OperationLogAppendBenchmark {

	private BenchNode node;

	private OperationLog log;

	private final AtomicLong counter = new AtomicLong();

	@Setup(Level.Trial)
	public void start() {
		this.node = new BenchNode();
		this.log = this.node.bean(OperationLog.class);
	}

	@TearDown(Level.Trial)
	public void stop() {
		LogIntegrity integrity = this.node.bean(LogIntegrity.class);
		integrity.seal();
		var result = integrity.verify();
		System.out.println("# after the run: " + result.entriesChecked() + " entries chained, intact=" + result.intact());
		this.node.close();
	}

	@Benchmark
	public Object append() {
		long n = this.counter.incrementAndGet();
		return this.log.record(Actor.staff("staff-" + (n & 15)), "customer.address.read", "customer-" + n,
				"ticket-" + (n % 1000), Map.of("order_id", "order-" + n, "fields", 3));
	}

}
