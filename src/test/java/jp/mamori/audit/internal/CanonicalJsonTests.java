package jp.mamori.audit.internal;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.mamori.audit.InvalidLogEntryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CanonicalJsonTests {

	@Test
	void theSameMapGivesTheSameTextWhateverItsIterationOrder() {
		Map<String, Object> first = new LinkedHashMap<>();
		first.put("b", 1);
		first.put("a", "x");
		Map<String, Object> second = new LinkedHashMap<>();
		second.put("a", "x");
		second.put("b", 1);
		assertThat(CanonicalJson.write(first, 100)).isEqualTo(CanonicalJson.write(second, 100))
			.isEqualTo("{\"a\":\"x\",\"b\":1}");
	}

	@Test
	void stringsAreEscapedMinimallyAndJapaneseIsKeptAsIs() {
		assertThat(CanonicalJson.write(Map.of("k", "注文\"\\\n\u0001"), 100))
			.isEqualTo("{\"k\":\"注文\\\"\\\\\\n\\u0001\"}");
	}

	@Test
	void decimalsHaveOneForm() {
		assertThat(CanonicalJson.write(Map.of("a", new BigDecimal("1.500"), "b", new BigDecimal("0.00")), 100))
			.isEqualTo("{\"a\":1.5,\"b\":0}");
	}

	@Test
	void nulFloatsAndDeepNestingAreRefused() {
		assertThatExceptionOfType(InvalidLogEntryException.class)
			.isThrownBy(() -> CanonicalJson.write(Map.of("k\0", "v"), 100));
		assertThatExceptionOfType(InvalidLogEntryException.class)
			.isThrownBy(() -> CanonicalJson.write(Map.of("k", 0.1d), 100));
		Object deep = "leaf";
		for (int i = 0; i < 20; i++) {
			deep = List.of(deep);
		}
		Object tooDeep = deep;
		assertThatExceptionOfType(InvalidLogEntryException.class)
			.isThrownBy(() -> CanonicalJson.write(Map.of("k", tooDeep), 10_000));
	}

}
