package jp.mamori.identity.credentials;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jp.mamori.identity.CustomerId;
import jp.mamori.platform.CardNumbers;

import org.springframework.util.Assert;

/**
 * Where a sign-in comes from: the client's address (already resolved through trusted proxies), its
 * user agent, shortened to what an event may carry, and the language it reads.
 *
 * @param address the client's IP address
 * @param userAgent the {@code User-Agent}, at most {@value #MAX_USER_AGENT} printable ASCII characters
 * @param language Japanese or English, as the request prefers: the language of the sign-in notice
 */
public record ClientSource(InetAddress address, String userAgent, Locale language) {

	static final int MAX_USER_AGENT = 120;

	public ClientSource {
		Assert.notNull(address, "address cannot be null");
		Assert.notNull(language, "language cannot be null");
		userAgent = shorten(userAgent);
	}

	/** A source whose language nobody asked for: Japanese, Mamori's default. */
	public ClientSource(InetAddress address, String userAgent) {
		this(address, userAgent, Locale.JAPANESE);
	}

	/** @return the address as text, e.g. {@code 192.0.2.7} or {@code 2001:db8:0:0:0:0:0:1} */
	public String addressText() {
		return this.address.getHostAddress();
	}

	/** @return the address's network: its /24 for IPv4, its /64 for IPv6, e.g. {@code 192.0.2.0/24} */
	String network() {
		boolean v4 = this.address instanceof Inet4Address;
		byte[] bytes = Arrays.copyOf(this.address.getAddress(), this.address.getAddress().length);
		int keep = v4 ? 3 : 8;
		Arrays.fill(bytes, keep, bytes.length, (byte) 0);
		try {
			return InetAddress.getByAddress(bytes).getHostAddress() + (v4 ? "/24" : "/64");
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The attributes of a sign-in's security event: the method, this source, and, when there are any,
	 * the account's UUID (never the typed identifier) and the reason for a refusal.
	 */
	public Map<String, String> eventAttributes(String method, CustomerId account, String reason) {
		Map<String, String> attributes = new HashMap<>();
		attributes.put("method", method);
		attributes.put("source_address", addressText());
		attributes.put("user_agent", this.userAgent);
		if (account != null) {
			attributes.put("account_id", account.toString());
		}
		if (reason != null) {
			attributes.put("reason", reason);
		}
		return attributes;
	}

	/**
	 * Events refuse values that could be personal data; a user agent is the client's to write, so it is
	 * cut to printable ASCII without {@code @}, and withheld if it holds something like a card number.
	 */
	private static String shorten(String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return "-";
		}
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < userAgent.length() && out.length() < MAX_USER_AGENT; i++) {
			char c = userAgent.charAt(i);
			out.append((c >= 0x20 && c < 0x7f && c != '@') ? c : '_');
		}
		String shortened = out.toString().strip();
		return (shortened.isEmpty() || CardNumbers.containsCardNumber(shortened)) ? "(withheld)" : shortened;
	}

}
