package jp.mamori.identity.credentials;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.springframework.util.Assert;

/**
 * The bundled list of common and breached passwords ({@code identity/common-passwords.txt.gz}, 437,651
 * entries from SecLists, see the NOTICE beside it). Only entries at least as long as the policy's
 * minimum are kept in memory: a shorter password is refused for its length before the list matters.
 * Comparison ignores case and width (NFKC, lower case), so {@code PASSWORD1234} is as common as
 * {@code password1234}.
 */
final class CommonPasswords {

	static final String RESOURCE = "/identity/common-passwords.txt.gz";

	private final Set<String> passwords;

	private final int listSize;

	CommonPasswords(int minLength) {
		Set<String> kept = new HashSet<>();
		int total = 0;
		try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
			Assert.state(in != null, "the common-password list is missing from the build");
			BufferedReader reader = new BufferedReader(
					new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8));
			String line;
			while ((line = reader.readLine()) != null) {
				total++;
				String key = key(line);
				if (key.codePointCount(0, key.length()) >= minLength) {
					kept.add(key);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.passwords = Set.copyOf(kept);
		this.listSize = total;
	}

	/** @return whether the password is on the list */
	boolean contains(String password) {
		return this.passwords.contains(key(password));
	}

	/** @return how many passwords the bundled list holds (all lengths) */
	int listSize() {
		return this.listSize;
	}

	private static String key(String password) {
		return Normalizer.normalize(password, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
	}

}
