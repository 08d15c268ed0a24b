package jp.mamori.testing;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * Looks for planted canary values in text an attacker could get: a {@code pg_dump}, the logs, a
 * backup. Each canary is searched as given, in lower case, after NFKC, in Base64 (at all three byte
 * alignments, so it is found inside a longer encoded value) and in hex (as PostgreSQL prints
 * {@code bytea}).
 */
public final class LeakScan {

	private final List<String> canaries;

	private LeakScan(List<String> canaries) {
		Assert.notEmpty(canaries, "canaries cannot be empty");
		canaries.forEach((canary) -> Assert.isTrue(canary.length() >= 6, "a canary must be distinctive (6+ chars)"));
		this.canaries = List.copyOf(canaries);
	}

	public static LeakScan of(String... canaries) {
		return new LeakScan(List.of(canaries));
	}

	/**
	 * @param where a name for the text, e.g. {@code pg_dump}
	 * @param text the text to search
	 * @return every canary found, with the form it was found in; empty if none
	 */
	public List<Finding> scan(String where, String text) {
		String lower = text.toLowerCase(Locale.ROOT);
		List<Finding> findings = new ArrayList<>();
		for (String canary : this.canaries) {
			for (Map.Entry<String, String> form : forms(canary).entrySet()) {
				boolean caseInsensitive = form.getKey().equals("hex");
				if ((caseInsensitive ? lower : text).contains(form.getValue())) {
					findings.add(new Finding(where, canary, form.getKey()));
				}
			}
		}
		return findings;
	}

	static Map<String, String> forms(String canary) {
		Map<String, String> forms = new LinkedHashMap<>();
		forms.put("as given", canary);
		forms.put("lower case", canary.toLowerCase(Locale.ROOT));
		forms.put("NFKC", Normalizer.normalize(canary, Normalizer.Form.NFKC));
		byte[] utf8 = canary.getBytes(StandardCharsets.UTF_8);
		forms.put("hex", HexFormat.of().formatHex(utf8));
		for (int shift = 0; shift < 3; shift++) {
			byte[] shifted = new byte[shift + utf8.length];
			System.arraycopy(utf8, 0, shifted, shift, utf8.length);
			String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
			// Drop the characters that also depend on the unknown neighbouring bytes.
			int from = (shift == 0) ? 0 : (shift == 1) ? 2 : 3;
			int to = encoded.length() - ((shifted.length % 3 == 0) ? 0 : 2);
			forms.put("base64+" + shift, encoded.substring(from, Math.max(from, to)));
		}
		return forms;
	}

	/**
	 * @param where which text
	 * @param canary the canary found
	 * @param form the form it was found in
	 */
	public record Finding(String where, String canary, String form) {
	}

}
