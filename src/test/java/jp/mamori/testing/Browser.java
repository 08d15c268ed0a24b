package jp.mamori.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * One headless Chromium with a profile of its own, so that two browsers are two devices: each has its
 * own cookies and so its own session. It speaks one language ({@code Accept-Language}), accepts Mamori's
 * self-signed certificate, and opens paths relative to the Mamori under test. Made by {@link Browsers},
 * which quits it after each test.
 */
public final class Browser implements AutoCloseable {

	private final ChromeDriver driver;

	private final Path profile;

	private final String base;

	private final Locale language;

	Browser(String base, Locale language) {
		this.base = base;
		this.language = language;
		try {
			this.profile = Files.createTempDirectory("mamori-browser-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(executable("chromium").toString());
		options.setAcceptInsecureCerts(true);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
				"--window-size=1280,1024", "--lang=" + language.toLanguageTag(),
				"--user-data-dir=" + this.profile);
		options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language.toLanguageTag(),
				"credentials_enable_service", false, "profile.password_manager_enabled", false));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(executable("chromedriver").toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
	}

	/** @return whether both programs the browser tests need are on the {@code PATH} */
	public static boolean available() {
		return find("chromium") != null && find("chromedriver") != null;
	}

	/** Open a path of the Mamori under test, e.g. {@code /sign-in}. */
	public Browser open(String path) {
		this.driver.get(this.base + path);
		return this;
	}

	/** Type into the field with this {@code id}, replacing what was there. */
	public Browser type(String id, String text) {
		WebElement field = this.driver.findElement(By.id(id));
		field.clear();
		field.sendKeys(text);
		return this;
	}

	/** Choose the option with this value in the {@code select} with this {@code id}. */
	public Browser choose(String id, String value) {
		this.driver.findElement(By.cssSelector("#" + id + " option[value='" + value + "']")).click();
		return this;
	}

	/**
	 * Submit the form that holds the field or button with this {@code id}, as a click would. A form with
	 * a bot check is submitted once its widget has solved the challenge, as a person would wait for it.
	 */
	public Browser submit(String id) {
		WebElement field = this.driver.findElement(By.id(id));
		if (!this.driver.findElements(By.cssSelector("form altcha-widget")).isEmpty()) {
			awaitBotCheck();
		}
		WebElement page = this.driver.findElement(By.tagName("html"));
		field.submit();
		awaitNextPage(page);
		return this;
	}

	/**
	 * Wait, up to a minute, until the form's bot-check widget has put its solution in the form. If it
	 * does not, say what state the widget is in and why, rather than only that the wait timed out.
	 */
	private void awaitBotCheck() {
		try {
			new WebDriverWait(this.driver, Duration.ofSeconds(60)).until((driver) -> Boolean.TRUE
				.equals(this.driver.executeScript("const field = document.querySelector('form input[name=altcha]');"
						+ " return !!(field && field.value);")));
		}
		catch (TimeoutException ex) {
			Object state = this.driver.executeScript("const widget = document.querySelector('form altcha-widget');"
					+ " const box = widget && widget.querySelector('[data-state]');"
					+ " const error = widget && widget.querySelector('[title]');"
					+ " return (box ? box.getAttribute('data-state') : 'no widget') + ': '"
					+ " + (error ? error.getAttribute('title') : 'no error shown');");
			throw new AssertionError("the bot check on " + path() + " was not solved within a minute (" + state + ")",
					ex);
		}
	}

	/**
	 * Click the element with this {@code id}. A link or a form's submit button loads another page: the
	 * click returns once it has (so that what follows reads the new page, not the old one).
	 */
	public Browser click(String id) {
		return click(this.driver.findElement(By.id(id)));
	}

	/** Click the first element that matches {@code css}, as {@link #click(String)} does. */
	public Browser clickFirst(String css) {
		return click(this.driver.findElement(By.cssSelector(css)));
	}

	private Browser click(WebElement element) {
		boolean loadsAPage = switch (element.getTagName().toLowerCase(Locale.ROOT)) {
			case "a" -> {
				String href = element.getAttribute("href");
				yield href != null && !href.isEmpty() && !href.endsWith("#");
			}
			case "button" -> "submit".equals(element.getDomProperty("type")) && element.getDomProperty("form") != null;
			case "input" -> "submit".equals(element.getDomProperty("type"));
			default -> false;
		};
		WebElement page = this.driver.findElement(By.tagName("html"));
		element.click();
		if (loadsAPage) {
			awaitNextPage(page);
		}
		return this;
	}

	/**
	 * Wait, up to ten seconds, until {@code page} has been replaced by the next one. A page whose own
	 * script handles the form (and stays) is simply left after that time.
	 */
	private void awaitNextPage(WebElement page) {
		try {
			new WebDriverWait(this.driver, Duration.ofSeconds(10)).until((driver) -> replaced(page));
		}
		catch (TimeoutException ex) {
			// The page stayed: its script answered the click itself.
		}
	}

	/**
	 * Whether {@code page} belongs to a document the browser has left. Chromium answers a question about
	 * such an element either as stale or, while the next document is being put in place, with an
	 * inspector error that the node does not belong to the document; both mean the page was replaced.
	 */
	private static boolean replaced(WebElement page) {
		try {
			page.isEnabled();
			return false;
		}
		catch (StaleElementReferenceException ex) {
			return true;
		}
		catch (WebDriverException ex) {
			if (ex.getMessage() != null && ex.getMessage().contains("does not belong to the document")) {
				return true;
			}
			throw ex;
		}
	}

	/**
	 * Wait, up to ten seconds, until the page's script has taken the browser to {@code path}: for
	 * pages that move on by themselves once a call to the API has answered.
	 */
	public Browser awaitPath(String path) {
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).until((driver) -> path().equals(path));
		return this;
	}

	/**
	 * Wait, up to ten seconds, until the element with this {@code id} shows some text.
	 * @return that text
	 */
	public String awaitText(String id) {
		return new WebDriverWait(this.driver, Duration.ofSeconds(10)).until((driver) -> {
			String text = text(id);
			return text.isBlank() ? null : text;
		});
	}

	/** Wait, up to ten seconds, until the element with this {@code id} shows {@code expected} in its text. */
	public Browser awaitText(String id, String expected) {
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).until((driver) -> text(id).contains(expected));
		return this;
	}

	/** Wait for the page's prompt, type {@code text} into it and confirm it, as a person would. */
	public Browser answerPrompt(String text) {
		Alert prompt = new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.until(ExpectedConditions.alertIsPresent());
		prompt.sendKeys(text);
		prompt.accept();
		return this;
	}

	/**
	 * Give this browser an authenticator of its own, as a phone or laptop with a screen lock has one:
	 * CTAP2, built in, keeping passkeys (resident keys) and verifying its user, who always agrees.
	 */
	public VirtualAuthenticator addAuthenticator() {
		return this.driver.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
			.setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
			.setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
			.setHasResidentKey(true)
			.setHasUserVerification(true)
			.setIsUserVerified(true)
			.setIsUserConsenting(true));
	}

	/**
	 * Send every further request with {@code X-Forwarded-For: address}, as a browser behind the trusted
	 * proxy would be seen: lets one machine play clients at many addresses, so that tests of per-account
	 * rules are not slowed by the per-address throttle on loopback.
	 */
	public Browser forwardedFor(String address) {
		this.driver.executeCdpCommand("Network.enable", Map.of());
		this.driver.executeCdpCommand("Network.setExtraHTTPHeaders",
				Map.of("headers", Map.of("X-Forwarded-For", address)));
		return this;
	}

	/** @return the current value of the form field with this {@code id} */
	public String value(String id) {
		return this.driver.findElement(By.id(id)).getDomProperty("value");
	}

	/** Click the first submit button whose text is {@code label}. */
	public Browser press(String label) {
		this.driver.findElements(By.cssSelector("button[type=submit]"))
			.stream()
			.filter((button) -> button.getText().strip().equals(label))
			.findFirst()
			.map(this::click)
			.orElseThrow(() -> new AssertionError("no button '" + label + "' on " + path()));
		return this;
	}

	/** @return the current path, without the scheme, host and port */
	public String path() {
		String url = this.driver.getCurrentUrl();
		return url.startsWith(this.base) ? url.substring(this.base.length()) : url;
	}

	/** @return the visible text of the element with this {@code id} */
	public String text(String id) {
		return this.driver.findElement(By.id(id)).getText();
	}

	/** @return the visible text of every element that matches {@code css} */
	public List<String> texts(String css) {
		return this.driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
	}

	/** @return the value of {@code attribute} on the first element that matches {@code css}, or {@code null} */
	public String attribute(String css, String attribute) {
		return this.driver.findElements(By.cssSelector(css))
			.stream()
			.findFirst()
			.map((element) -> element.getDomAttribute(attribute))
			.orElse(null);
	}

	public String title() {
		return this.driver.getTitle();
	}

	public Locale language() {
		return this.language;
	}

	/** Keep a screenshot and the page's source as {@code name.png} and {@code name.html} in {@code folder}. */
	void keepEvidence(Path folder, String name) {
		try {
			Files.createDirectories(folder);
			Files.write(folder.resolve(name + ".png"), this.driver.getScreenshotAs(OutputType.BYTES));
			Files.writeString(folder.resolve(name + ".html"), this.driver.getPageSource(), StandardCharsets.UTF_8);
		}
		catch (IOException | RuntimeException ex) {
			// Evidence is a help, not a result: the test's own failure is what gets reported.
		}
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			deleteQuietly(this.profile);
		}
	}

	private static Path executable(String name) {
		Path found = find(name);
		if (found == null) {
			throw new IllegalStateException(name + " is not on the PATH; ./mamori test installs it");
		}
		return found;
	}

	private static Path find(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		return Stream.of(path.split(java.io.File.pathSeparator))
			.map((folder) -> Path.of(folder, name))
			.filter(Files::isExecutable)
			.findFirst()
			.orElse(null);
	}

	private static void deleteQuietly(Path folder) {
		try (Stream<Path> paths = Files.walk(folder)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A temporary profile left behind is harmless.
		}
	}

}
