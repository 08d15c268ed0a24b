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

	/** Decode JSON's {@code \\uXXXX} escapes. */
	static String unescapeJson(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && i + 5 < text.length() && text.charAt(i + 1) == 'u') {
				int value = 0;
				boolean valid = true;
				for (int k = 2; k < 6; k++) {
					int h = hex((byte) text.charAt(i + k));
					if (h < 0 || text.charAt(i + k) > 127) {
						valid = false;
						break;
					}
					value = value * 16 + h;
				}
				if (valid) {
					out.append((char) value);
					i += 5;
					continue;
				}
			}
			out.append(c);
		}
		return out.toString();
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
