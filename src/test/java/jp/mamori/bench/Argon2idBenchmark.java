package jp.mamori.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One Argon2id hash at the cost Mamori uses (m = 19 MiB, t = 2, p = 1, 32-byte output) by each
 * candidate implementation. Before measuring, every implementation must produce the same bytes as the
 * others, so a fast but wrong one cannot win. Run: {@code bench/run Argon2id -f 1 -wi 2 -i 5}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class Argon2idBenchmark {

	static final int MEMORY_KIB = 19 * 1024;

	static final int ITERATIONS = 2;

	static final int PARALLELISM = 1;

	static final int LENGTH = 32;

	private final byte[] password = "correct horse battery staple 守り".getBytes(StandardCharsets.UTF_8);

	private final byte[] salt = HexFormat.of().parseHex("0f1e2d3c4b5a69788796a5b4c3d2e1f0");

	private final Argon2Advanced reference = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id);

	private final Argon2Function password4j = Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, LENGTH,
			Argon2.ID, Argon2Function.ARGON2_VERSION_13);

	@Setup(Level.Trial)
	public void allImplementationsAgree() {
		byte[] expected = referenceC();
		if (!Arrays.equals(expected, bouncyCastle()) || !Arrays.equals(expected, password4j())) {
			throw new IllegalStateException("The implementations disagree; the benchmark would compare wrong hashes");
		}
	}

	@Benchmark
	public byte[] bouncyCastle() {
		Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
			.withVersion(Argon2Parameters.ARGON2_VERSION_13)
			.withMemoryAsKB(MEMORY_KIB)
			.withIterations(ITERATIONS)
			.withParallelism(PARALLELISM)
			.withSalt(this.salt)
			.build();
		Argon2BytesGenerator generator = new Argon2BytesGenerator();
		generator.init(parameters);
		byte[] out = new byte[LENGTH];
		generator.generateBytes(this.password, out);
		return out;
	}

	@Benchmark
	public byte[] password4j() {
		return this.password4j.hash(this.password, this.salt).getBytes();
	}

	@Benchmark
	public byte[] referenceC() {
		return this.reference.rawHashAdvanced(ITERATIONS, MEMORY_KIB, PARALLELISM, this.password, this.salt, null,
				null, LENGTH, Argon2Version.V13);
	}

}
