package jp.mamori.platform.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Lenient decoders for inspection: malformed escapes are kept as they are, never an error. */
final class Decoding {

	private Decoding() {
	}

	/** Decode {@code %XX} escapes (as UTF-8) and {@code +} as space. */
	static String percentDecode(String text) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < bytes.length; i++) {
			byte b = bytes[i];
			if (b == '+') {
				out.write(' ');
			}
			else if (b == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
				out.write(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
				i += 2;
			}
			else {
				out.write(b);
			}
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	/** Decode JSON's escapes: {@code \\uXXXX} (surrogate pairs stay pairs) and the one-letter ones. */
	static String unescapeJson(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c != '\\' || i + 1 >= text.length()) {
				out.append(c);
				continue;
			}
			char next = text.charAt(i + 1);
			if (next == 'u' && i + 5 < text.length()) {
				int value = 0;
				boolean valid = true;
				for (int k = 2; k < 6; k++) {
					char h = text.charAt(i + k);
					if (h > 127 || hex((byte) h) < 0) {
						valid = false;
						break;
					}
					value = value * 16 + hex((byte) h);
				}
				if (valid) {
					out.append((char) value);
					i += 5;
					continue;
				}
			}
			int simple = switch (next) {
				case '"', '\\', '/' -> next;
				case 'b' -> '\b';
				case 'f' -> '\f';
				case 'n' -> '\n';
				case 'r' -> '\r';
				case 't' -> '\t';
				default -> -1;
			};
			if (simple >= 0) {
				out.append((char) simple);
				i++;
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	/** @return a header value read back as the UTF-8 bytes a client sent, when it holds any non-ASCII */
	static String headerAsUtf8(String value) {
		for (int i = 0; i < value.length(); i++) {
			if (value.charAt(i) > 127) {
				return new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
			}
		}
		return value;
	}

	private static int hex(byte b) {
		if (b >= '0' && b <= '9') {
			return b - '0';
		}
		if (b >= 'a' && b <= 'f') {
			return b - 'a' + 10;
		}
		if (b >= 'A' && b <= 'F') {
			return b - 'A' + 10;
		}
		return -1;
	}

}
