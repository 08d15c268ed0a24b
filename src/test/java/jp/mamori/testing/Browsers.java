package jp.mamori.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Opens browsers for a test and always quits them after it; when the test failed, each browser's
 * screenshot and page source are kept in {@code target/browser-failures/} first. Use as
 * {@code @RegisterExtension final Browsers browsers = new Browsers();}.
 */
public final class Browsers implements AfterEachCallback {

	private static final Path EVIDENCE = Path.of("target", "browser-failures");

	private final List<Browser> open = new ArrayList<>();

	/**
	 * A new browser with a fresh profile (a device of its own) speaking {@code language}.
	 * @param port the HTTPS port of the Mamori under test
	 */
	public Browser open(int port, Locale language) {
		Browser browser = new Browser("https://localhost:" + port, language);
		this.open.add(browser);
		// Each browser is a client of its own (behind a trusted proxy, where the test trusts loopback),
		// so that one test's failed sign-ins never throttle another's browser.
		UUID random = UUID.randomUUID();
		return browser.forwardedFor("198.19." + Math.floorMod(random.getMostSignificantBits(), 256) + "."
				+ (1 + Math.floorMod(random.getLeastSignificantBits(), 254)));
	}

	@Override
	public void afterEach(ExtensionContext context) {
		try {
			if (context.getExecutionException().isPresent()) {
				String test = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
				for (int i = 0; i < this.open.size(); i++) {
					this.open.get(i).keepEvidence(EVIDENCE, test + "-browser" + (i + 1));
				}
			}
		}
		finally {
			for (Browser browser : this.open) {
				try {
					browser.close();
				}
				catch (RuntimeException ex) {
					// The others are quit all the same.
				}
			}
			this.open.clear();
		}
	}

}
