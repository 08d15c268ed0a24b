package jp.mamori.platform.web;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * Reads the hops a forwarding header lists, in order, from every line of it: {@code X-Forwarded-For}
 * (comma-separated nodes) or {@code Forwarded} (RFC 7239: comma-separated elements of
 * {@code ;}-separated pairs, of which {@code for=} names the node, quoted when it has a port or is
 * IPv6). Empty list elements are skipped, as HTTP's list rule asks. An element that names no node
 * in a form Mamori can read (a missing or repeated {@code for=}, a broken quote; {@code unknown} and
 * obfuscated names fail later, as they are no IP literals) is kept as {@link #UNREADABLE}, so that the
 * walk stops there.
 */
final class ForwardedHops {

	/** Stands for an element whose node cannot be read; never an IP literal. */
	static final String UNREADABLE = "unreadable";

	private ForwardedHops() {
	}

	/** @return the nodes of every line of the header, left to right, as written (ports and brackets kept) */
	static List<String> read(Enumeration<String> lines, boolean rfc7239) {
		List<String> hops = new ArrayList<>();
		while (lines.hasMoreElements()) {
			String line = lines.nextElement();
			for (String element : split(line, ',')) {
				String node = rfc7239 ? forNode(element) : (element.isEmpty() ? null : element);
				if (node != null) {
					hops.add(node);
				}
			}
		}
		return hops;
	}

	/** @return the {@code for=} node of one Forwarded element, {@link #UNREADABLE}, or {@code null} if empty */
	private static String forNode(String element) {
		if (element.isEmpty()) {
			return null;
		}
		String node = null;
		for (String pair : split(element, ';')) {
			int eq = pair.indexOf('=');
			if (eq <= 0) {
				return UNREADABLE;
			}
			if (!pair.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals("for")) {
				continue;
			}
			if (node != null) {
				return UNREADABLE;
			}
			node = unquote(pair.substring(eq + 1).strip());
		}
		return (node != null) ? node : UNREADABLE;
	}

	/** @return the value, its quotes and quoted-pair escapes removed; {@link #UNREADABLE} if badly quoted */
	private static String unquote(String value) {
		if (value.isEmpty() || value.charAt(0) != '"') {
			return value.isEmpty() ? UNREADABLE : value;
		}
		StringBuilder out = new StringBuilder(value.length());
		for (int i = 1; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '\\' && i + 1 < value.length()) {
				out.append(value.charAt(++i));
			}
			else if (c == '"') {
				return (i == value.length() - 1) ? out.toString() : UNREADABLE;
			}
			else {
				out.append(c);
			}
		}
		return UNREADABLE;
	}

	/**
	 * Split {@code text} at every {@code separator}, stripping optional whitespace. Quotes are not
	 * honoured here on purpose: no node Mamori can read holds a comma or a semicolon, and a quote the
	 * client leaves open must not swallow the hops a proxy appends after it on the same line.
	 */
	private static List<String> split(String text, char separator) {
		List<String> parts = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == separator) {
				parts.add(text.substring(start, i).strip());
				start = i + 1;
			}
		}
		parts.add(text.substring(start).strip());
		return parts;
	}

}
