package jp.mamori.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import jp.mamori.platform.CardNumbers;

/**
 * The card-number scan every request goes through: an ASCII JSON body of ordinary numbers, the same
 * with Japanese text (which takes the NFKC path), and the worst case, a body of single digits joined
 * by spaces. Not part of the tests; run with {@code bench/run CardNumberScanBenchmark -f 1 -wi 2 -i 5}.
 */
@Warmup(time = 2)
@Measurement(time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CardNumberScanBenchmark {

	@State(Scope.Benchmark)
	public static class Bodies {

		@Param({ "1024", "65536" })
		int size;

		String ascii;

		String japanese;

		String digits;

		@Setup
		public void create() {
			this.ascii = repeat("{\"phone\":\"090-1234-5678\",\"postalCode\":\"100-0001\",\"amount\":1980,"
					+ "\"at\":\"2026-11-21T10:15:30Z\",\"id\":\"550e8400-e29b-41d4-a716-446655440000\"},");
			this.japanese = repeat("{\"name\":\"山田 太郎\",\"address\":\"東京都千代田区千代田1-1\",\"tel\":\"０９０-１２３４-５６７８\"},");
			this.digits = repeat("1 ");
		}

		private String repeat(String unit) {
			StringBuilder text = new StringBuilder(this.size + unit.length());
			while (text.length() < this.size) {
				text.append(unit);
			}
			return text.toString();
		}

	}

	@Benchmark
	public boolean asciiJson(Bodies bodies) {
		return CardNumbers.containsCardNumber(bodies.ascii);
	}

	@Benchmark
	public boolean japaneseJson(Bodies bodies) {
		return CardNumbers.containsCardNumber(bodies.japanese);
	}

	@Benchmark
	public boolean singleDigitsJoinedBySpaces(Bodies bodies) {
		return CardNumbers.containsCardNumber(bodies.digits);
	}

}
