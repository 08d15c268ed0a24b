package jp.mamori.audit.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jp.mamori.audit.InvalidLogEntryException;

/**
 * Writes a map as canonical JSON: keys sorted (by UTF-16 code units, as in RFC 8785), no
 * whitespace, minimal string escapes, integers and decimals in plain notation. The same input always
 * gives the same text, so the text is hashed exactly as it is stored.
 *
 * <p>Only values that have one obvious JSON form are accepted; floating-point numbers are refused
 * because their textual form is not canonical. NUL characters are refused anywhere.
 */
final class CanonicalJson {

	private static final int MAX_DEPTH = 16;

	private CanonicalJson() {
	}

	static String write(Map<String, ?> map, int maxLength) {
		if (map == null) {
			throw new InvalidLogEntryException("details cannot be null; use an empty map");
		}
		StringBuilder out = new StringBuilder(64);
		writeMap(map, out, 0, maxLength);
		return out.toString();
	}

	private static void writeValue(Object value, StringBuilder out, int depth, int maxLength) {
		if (depth > MAX_DEPTH) {
			throw new InvalidLogEntryException("details are nested deeper than " + MAX_DEPTH + " levels");
		}
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof CharSequence || value instanceof UUID || value instanceof TemporalAccessor) {
			writeString(value.toString(), out);
		}
		else if (value instanceof Enum<?> constant) {
			writeString(constant.name(), out);
		}
		else if (value instanceof Boolean || value instanceof Integer || value instanceof Long
				|| value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
			out.append(value);
		}
		else if (value instanceof BigDecimal decimal) {
			out.append(decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString());
		}
		else if (value instanceof Map<?, ?> map) {
			writeMap(map, out, depth + 1, maxLength);
		}
		else if (value instanceof Collection<?> collection) {
			out.append('[');
			boolean first = true;
			for (Object element : collection) {
				if (!first) {
					out.append(',');
				}
				first = false;
				writeValue(element, out, depth + 1, maxLength);
			}
			out.append(']');
		}
		else {
			throw new InvalidLogEntryException("details may hold strings, integers, decimals, booleans, maps and "
					+ "lists only, not " + value.getClass().getSimpleName());
		}
		if (out.length() > maxLength) {
			throw new InvalidLogEntryException("details are larger than " + maxLength + " characters");
		}
	}

	private static void writeMap(Map<?, ?> map, StringBuilder out, int depth, int maxLength) {
		TreeMap<String, Object> sorted = new TreeMap<>();
		map.forEach((key, value) -> {
			if (!(key instanceof String name)) {
				throw new InvalidLogEntryException("detail keys must be strings");
			}
			sorted.put(name, value);
		});
		out.append('{');
		boolean first = true;
		for (Map.Entry<String, Object> entry : sorted.entrySet()) {
			if (!first) {
				out.append(',');
			}
			first = false;
			writeString(entry.getKey(), out);
			out.append(':');
			writeValue(entry.getValue(), out, depth, maxLength);
		}
		out.append('}');
	}

	static void writeString(String value, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\0' -> throw new InvalidLogEntryException("NUL characters are not allowed in the log");
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

}
