package jp.mamori.bench;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import jp.mamori.MamoriApplication;
import jp.mamori.testing.TemporaryHome;
import jp.mamori.vault.Reader;
import jp.mamori.vault.SealContext;
import jp.mamori.vault.Sealed;
import jp.mamori.vault.Subject;
import jp.mamori.vault.Vault;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The vault's seal and open against raw Tink AES256_GCM on the same data, single-threaded, and an
 * open whose subject key is not cached (a database read, a key file, two unwraps). The vault runs in
 * a whole Mamori on its embedded PostgreSQL. Run with {@code bench/run VaultBenchmarks -f 1 -wi 2 -i 5}.
 */
@Warmup(time = 2)
@Measurement(time = 2)
public class VaultBenchmarks {

	@State(Scope.Benchmark)
	public static class Data {

		@Param({ "64", "1024" })
		int size;

		String plaintext;

		byte[] bytes;

		@Setup
		public void create() {
			// ASCII, so the vault's UTF-8 bytes and the raw cipher's bytes are the same length.
			StringBuilder text = new StringBuilder();
			SecureRandom random = new SecureRandom();
			while (text.length() < this.size) {
				text.append((char) ('a' + random.nextInt(26)));
			}
			this.plaintext = text.toString();
			this.bytes = this.plaintext.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		}

	}

	@State(Scope.Benchmark)
	public static class Raw {

		Aead aead;

		byte[] associatedData = "customer:bench|customer.name|row-1".getBytes();

		byte[] ciphertext;

		@Setup
		public void create(Data data) throws GeneralSecurityException {
			AeadConfig.register();
			this.aead = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
				.getPrimitive(RegistryConfiguration.get(), Aead.class);
			this.ciphertext = this.aead.encrypt(data.bytes, this.associatedData);
		}

	}

	@State(Scope.Benchmark)
	public static class Mamori {

		ConfigurableApplicationContext context;

		Vault vault;

		SealContext place = SealContext.of(Subject.customer("bench"), "customer.name", "row-1");

		Sealed sealed;

		@Setup
		public void start(Data data) {
			this.context = startMamori(Map.of());
			this.vault = this.context.getBean(Vault.class);
			this.sealed = this.vault.seal(this.place, data.plaintext);
		}

		@TearDown
		public void stop() {
			this.context.close();
		}

	}

	/** A key cache of one entry and many subjects: every open loads its subject's keys. */
	@State(Scope.Benchmark)
	public static class Cold {

		static final int SUBJECTS = 500;

		ConfigurableApplicationContext context;

		Vault vault;

		SealContext[] places = new SealContext[SUBJECTS];

		Sealed[] sealed = new Sealed[SUBJECTS];

		int next;

		@Setup
		public void start() {
			this.context = startMamori(Map.of("mamori.vault.key-cache-size", "1"));
			this.vault = this.context.getBean(Vault.class);
			for (int i = 0; i < SUBJECTS; i++) {
				this.places[i] = SealContext.of(Subject.customer("cold-" + UUID.randomUUID()), "customer.name", "row-1");
				this.sealed[i] = this.vault.seal(this.places[i], "a value of sixty-four bytes, more or less, for the cold open.");
			}
		}

		@Setup(Level.Invocation)
		public void advance() {
			this.next = (this.next + 1) % SUBJECTS;
		}

		@TearDown
		public void stop() {
			this.context.close();
		}

	}

	static ConfigurableApplicationContext startMamori(Map<String, Object> extra) {
		Map<String, Object> properties = new HashMap<>(extra);
		properties.put("mamori.home", TemporaryHome.create().toString());
		properties.put("mamori.db.embedded-port", "0");
		properties.put("mamori.http.port", "-1");
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		properties.put("logging.level.root", "warn");
		return new SpringApplicationBuilder(MamoriApplication.class).properties(properties).run();
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	public byte[] rawSeal(Data data, Raw raw) throws GeneralSecurityException {
		return raw.aead.encrypt(data.bytes, raw.associatedData);
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	public byte[] rawOpen(Raw raw) throws GeneralSecurityException {
		return raw.aead.decrypt(raw.ciphertext, raw.associatedData);
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	public Sealed vaultSeal(Data data, Mamori mamori) {
		return mamori.vault.seal(mamori.place, data.plaintext);
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	public String vaultOpen(Mamori mamori) {
		return mamori.vault.open(mamori.sealed, mamori.place, Reader.self(mamori.place.subject()), "benchmark");
	}

	@Benchmark
	@BenchmarkMode(Mode.SampleTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public String vaultOpenUncached(Cold cold) {
		return cold.vault.open(cold.sealed[cold.next], cold.places[cold.next], Reader.self(cold.places[cold.next].subject()),
				"benchmark");
	}

}
