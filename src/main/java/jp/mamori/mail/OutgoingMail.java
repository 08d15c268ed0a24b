package jp.mamori.mail;

import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One mail to one recipient: a plain-text body and, optionally, an HTML alternative.
 * <p>
 * The constructor refuses what could break out of a header or reach the wrong place, with an
 * {@link IllegalArgumentException} whose message never repeats the refused value:
 * <ul>
 * <li>an address or subject with a line break or other control character (header injection);</li>
 * <li>an address that is not a single plain {@code local@domain}: no display name, no second address,
 * no spaces or angle brackets, an ASCII domain (internationalised domains in their {@code xn--} form).</li>
 * </ul>
 * The local part may hold dots anywhere, consecutive or before the {@code @}: many Japanese mobile
 * carriers handed out such addresses ({@code taro..yamada.@docomo.ne.jp}) and customers still use them;
 * the dots cannot inject anything.
 * <p>
 * {@link #toString()} masks the address and never prints the subject or the bodies: a mail carries
 * personal data.
 *
 * @param to the recipient's address
 * @param subject the subject, one line of at most {@value #MAX_SUBJECT_LENGTH} characters
 * @param text the plain-text body
 * @param html an HTML alternative to the text body, or {@code null}
 */
public record OutgoingMail(String to, String subject, String text, @Nullable String html) {

	/** The longest subject accepted, in characters. */
	public static final int MAX_SUBJECT_LENGTH = 200;

	/** The longest body accepted, in characters. */
	public static final int MAX_BODY_LENGTH = 100_000;

	private static final int MAX_ADDRESS_LENGTH = 254;

	private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}"
			+ "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]{0,62}");

	public OutgoingMail {
		requireAddress(to);
		requireLine(subject);
		requireBody(text, "text");
		if (html != null) {
			requireBody(html, "html");
		}
	}

	/** A plain-text mail. */
	public OutgoingMail(String to, String subject, String text) {
		this(to, subject, text, null);
	}

	/** @return the HTML alternative, if there is one */
	public Optional<String> htmlBody() {
		return Optional.ofNullable(this.html);
	}

	/** @return the address with all of its local part but the first character hidden: {@code t***@example.jp} */
	public String maskedTo() {
		int at = this.to.lastIndexOf('@');
		return this.to.charAt(0) + "***" + this.to.substring(at);
	}

	/** Masks the address and gives only the sizes of the subject and bodies. */
	@Override
	public String toString() {
		return "OutgoingMail[to=" + maskedTo() + ", subject=(" + this.subject.length() + " characters), text=("
				+ this.text.length() + " characters), html=("
				+ ((this.html != null) ? this.html.length() + " characters" : "none") + ")]";
	}

	private static void requireAddress(String to) {
		if (to == null || to.isEmpty()) {
			throw new IllegalArgumentException("The recipient address is missing");
		}
		if (hasControlCharacter(to)) {
			throw new IllegalArgumentException("The recipient address contains a line break or control character "
					+ "and was refused (header injection)");
		}
		if (to.length() > MAX_ADDRESS_LENGTH || !ADDRESS.matcher(to).matches() || onlyDots(localPart(to))) {
			throw new IllegalArgumentException("The recipient address is not a single valid e-mail address "
					+ "(local@domain, ASCII, no display name)");
		}
	}

	private static String localPart(String address) {
		return address.substring(0, Math.max(address.indexOf('@'), 0));
	}

	/** Dots may stand anywhere in a local part, but a local part of dots alone is no address. */
	private static boolean onlyDots(String localPart) {
		return localPart.chars().allMatch((c) -> c == '.');
	}

	private static void requireLine(String subject) {
		if (subject == null || subject.isBlank()) {
			throw new IllegalArgumentException("The subject is missing");
		}
		if (hasControlCharacter(subject)) {
			throw new IllegalArgumentException(
					"The subject contains a line break or control character and was refused (header injection)");
		}
		if (subject.length() > MAX_SUBJECT_LENGTH) {
			throw new IllegalArgumentException("The subject is longer than " + MAX_SUBJECT_LENGTH + " characters");
		}
	}

	private static void requireBody(String body, String name) {
		if (body == null || body.isBlank()) {
			throw new IllegalArgumentException("The " + name + " body is missing");
		}
		if (body.length() > MAX_BODY_LENGTH) {
			throw new IllegalArgumentException(
					"The " + name + " body is longer than " + MAX_BODY_LENGTH + " characters");
		}
	}

	/** C0 controls (CR, LF, TAB, NUL, ...), DEL, C1 controls and the Unicode line and paragraph separators. */
	private static boolean hasControlCharacter(String value) {
		return value.chars()
			.anyMatch((c) -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029');
	}

}
