package jp.mamori.platform.web;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.Assert;
import jp.mamori.platform.ForwardedHeader;

/**
 * Finds the address of the client behind a request; per-address throttling, the bot check, sign-in
 * history, notices and security events all follow it, so the client must not be able to choose it.
 *
 * <p>Security decision, the rules:
 * <ol>
 * <li>The forwarding header is believed only when the TCP peer is a trusted proxy; otherwise the
 * peer is the client, whatever the request says.</li>
 * <li>Only one header is read, the one the operator's proxies write ({@link ForwardedHeader}); the other is
 * ignored, so the two can never contradict each other. A client can write either header itself,
 * and only the one the proxies append to tells where it really came from.</li>
 * <li>Every line of that header is read, in order, each a comma-separated list; empty elements are
 * skipped. The hops are walked from the right, starting at the peer: each hop was reported by the
 * trusted one to its right. The first hop that is not a trusted proxy is the client; everything to
 * its left is what the client wrote and is never read.</li>
 * <li>A hop that is no IP literal (a name, {@code unknown}, an obfuscated node, an IPv6 zone, a bad
 * port) ends the walk: the client is then the last trusted hop reached, the proxy that could not say
 * whom it served, never anything to the left of the unreadable hop.</li>
 * <li>If more than {@link #MAX_HOPS} hops are all trusted proxies, the walk gives up and the peer is
 * the client: no real chain of proxies is that long, so the client wrote them.</li>
 * <li>IPv6 is read with or without brackets, with a port only in brackets; IPv4 with or without a
 * port; IPv4-mapped IPv6 is the IPv4 address. Nothing here ever resolves a name.</li>
 * </ol>
 */
public final class ClientAddressResolver {

	/** The most trusted hops walked before the peer is taken instead. */
	public static final int MAX_HOPS = 30;

	private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private static final Pattern PORT = Pattern.compile("\\d{1,5}|_[A-Za-z0-9._-]{1,64}");

	private final List<Cidr> trustedProxies;

	private final ForwardedHeader header;

	/** @param trustedProxies CIDR blocks (e.g. {@code 10.0.0.0/8}, {@code ::1/128}) of the proxies to believe */
	public ClientAddressResolver(List<String> trustedProxies) {
		this(trustedProxies, ForwardedHeader.X_FORWARDED_FOR);
	}

	/**
	 * @param trustedProxies CIDR blocks (e.g. {@code 10.0.0.0/8}, {@code ::1/128}) of the proxies to believe
	 * @param header the forwarding header those proxies write
	 */
	public ClientAddressResolver(List<String> trustedProxies, ForwardedHeader header) {
		Assert.notNull(trustedProxies, "trustedProxies cannot be null");
		Assert.notNull(header, "header cannot be null");
		this.trustedProxies = trustedProxies.stream().filter((cidr) -> !cidr.isBlank()).map(Cidr::parse).toList();
		this.header = header;
	}

	/** @return the client's address: the peer's, or the one the trusted proxies say they served */
	public InetAddress resolve(HttpServletRequest request) {
		InetAddress peer = parse(request.getRemoteAddr());
		Assert.state(peer != null, "the servlet container gave no peer address");
		if (this.trustedProxies.isEmpty() || !isTrusted(peer)) {
			return peer;
		}
		List<String> hops = ForwardedHops.read(request.getHeaders(this.header.headerName()),
				this.header == ForwardedHeader.FORWARDED);
		InetAddress reporter = peer;
		int walked = 0;
		for (int i = hops.size() - 1; i >= 0; i--) {
			if (++walked > MAX_HOPS) {
				return peer;
			}
			InetAddress hop = node(hops.get(i));
			if (hop == null) {
				return reporter;
			}
			if (!isTrusted(hop)) {
				return hop;
			}
			reporter = hop;
		}
		// Trusted all the way: the leftmost hop, reported by a trusted proxy, is the client.
		return reporter;
	}

	/** @return whether {@code address} belongs to a trusted proxy */
	public boolean isTrusted(InetAddress address) {
		for (Cidr cidr : this.trustedProxies) {
			if (cidr.contains(address)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @return the address of a forwarded node: an IP literal, IPv6 optionally in brackets, and in
	 * brackets or after IPv4 optionally a port; {@code null} if it is anything else
	 */
	static InetAddress node(String text) {
		if (text.startsWith("[")) {
			int close = text.indexOf(']');
			if (close < 0 || (close + 1 < text.length()
					&& (text.charAt(close + 1) != ':' || !isPort(text.substring(close + 2))))) {
				return null;
			}
			String inner = text.substring(1, close);
			return (inner.indexOf(':') >= 0) ? parse(inner) : null;
		}
		int colon = text.indexOf(':');
		if (colon > 0 && colon == text.lastIndexOf(':')) {
			// IPv4 with a port: exactly one colon, which no IPv6 literal has.
			if (!isPort(text.substring(colon + 1))) {
				return null;
			}
			String address = text.substring(0, colon);
			return IPV4.matcher(address).matches() ? parse(address) : null;
		}
		return parse(text);
	}

	/** @return whether {@code text} is a port (0–65535) or an obfuscated one (RFC 7239: {@code _name}) */
	private static boolean isPort(String text) {
		if (!PORT.matcher(text).matches()) {
			return false;
		}
		return text.charAt(0) == '_' || Integer.parseInt(text) <= 65535;
	}

	/** @return the address written as an IP literal (IPv6 optionally in brackets), or {@code null} if it is not one */
	public static InetAddress parse(String literal) {
		if (literal == null) {
			return null;
		}
		String text = literal;
		if (text.startsWith("[") && text.endsWith("]")) {
			text = text.substring(1, text.length() - 1);
		}
		boolean v4 = IPV4.matcher(text).matches();
		// The pattern admits no '%': a zone ID names an interface of the sender, not a client.
		boolean v6 = !v4 && text.indexOf(':') >= 0 && IPV6.matcher(text).matches();
		if (!v4 && !v6) {
			return null;
		}
		try {
			// A literal of this shape is parsed, never looked up; IPv4-mapped IPv6 becomes IPv4.
			return InetAddress.getByName(text);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/** An address block, e.g. {@code 192.0.2.0/24}; {@code ::ffff:10.0.0.0/104} is {@code 10.0.0.0/8}. */
	private record Cidr(byte[] network, int prefix) {

		static Cidr parse(String text) {
			String[] parts = text.strip().split("/", 2);
			InetAddress address = ClientAddressResolver.parse(parts[0]);
			Assert.isTrue(address != null, () -> "not a CIDR block of IP literals: " + text);
			int bits = address.getAddress().length * 8;
			int prefix = (parts.length == 2) ? Integer.parseInt(parts[1].strip()) : bits;
			if (address instanceof Inet4Address && parts[0].indexOf(':') >= 0 && parts.length == 2) {
				// Written as IPv4-mapped IPv6, which every address of this block is normalised from.
				Assert.isTrue(prefix >= 96, () -> "an IPv4-mapped block needs a prefix of at least 96: " + text);
				prefix -= 96;
			}
			Assert.isTrue(prefix >= 0 && prefix <= bits, () -> "prefix out of range: " + text);
			return new Cidr(address.getAddress(), prefix);
		}

		boolean contains(InetAddress address) {
			byte[] candidate = address.getAddress();
			if (candidate.length != this.network.length) {
				return false;
			}
			int full = this.prefix / 8;
			for (int i = 0; i < full; i++) {
				if (candidate[i] != this.network[i]) {
					return false;
				}
			}
			int rest = this.prefix % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xff << (8 - rest)) & 0xff;
			return (candidate[full] & mask) == (this.network[full] & mask);
		}

	}

}
