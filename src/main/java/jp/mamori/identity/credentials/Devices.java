package jp.mamori.identity.credentials;

import java.util.List;
import java.util.Map;

/**
 * A device named for its owner from its {@code User-Agent}: "Chrome (Windows)", "Safari (iPhone)". Used
 * in notices and lists a customer reads to recognise their own sign-ins; never a security decision.
 */
public final class Devices {

	/** Browsers in the order they must be tested: Edge and Opera also say "Chrome", Chrome also says "Safari". */
	private static final List<Map.Entry<String, String>> BROWSERS = List.of(Map.entry("Edg", "Edge"),
			Map.entry("OPR/", "Opera"), Map.entry("SamsungBrowser", "Samsung Internet"),
			Map.entry("Firefox/", "Firefox"), Map.entry("FxiOS", "Firefox"), Map.entry("CriOS", "Chrome"),
			Map.entry("Chrome/", "Chrome"), Map.entry("Safari/", "Safari"));

	private static final List<Map.Entry<String, String>> SYSTEMS = List.of(Map.entry("iPhone", "iPhone"),
			Map.entry("iPad", "iPad"), Map.entry("Android", "Android"), Map.entry("Windows", "Windows"),
			Map.entry("CrOS", "ChromeOS"), Map.entry("Mac OS X", "macOS"), Map.entry("Linux", "Linux"));

	private Devices() {
	}

	/** @return e.g. {@code Chrome (Windows)}, or {@code null} when neither is recognised */
	public static String describe(String userAgent) {
		String browser = first(BROWSERS, userAgent);
		String system = first(SYSTEMS, userAgent);
		if (browser == null && system == null) {
			return null;
		}
		if (browser == null) {
			return system;
		}
		return (system != null) ? browser + " (" + system + ")" : browser;
	}

	private static String first(List<Map.Entry<String, String>> names, String userAgent) {
		if (userAgent == null) {
			return null;
		}
		return names.stream().filter((name) -> userAgent.contains(name.getKey())).map(Map.Entry::getValue).findFirst()
			.orElse(null);
	}

}
