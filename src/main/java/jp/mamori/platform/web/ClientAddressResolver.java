package jp.mamori.platform.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.Assert;

/**
 * Finds the address of the client behind a request. {@code X-Forwarded-For} is believed only when
 * the request arrives from a configured trusted proxy: anyone else could write any address there and
 * so escape per-address throttling or frame somebody else. Through trusted proxies the header is read
 * from the right, skipping the proxies' own addresses, so that a client cannot prepend a forged hop.
 * Only IP literals are accepted; nothing here ever resolves a name.
 */
public final class ClientAddressResolver {

	private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private static final int MAX_HOPS = 20;

	private final List<Cidr> trustedProxies;

	/** @param trustedProxies CIDR blocks (e.g. {@code 10.0.0.0/8}, {@code ::1/128}) of the proxies to believe */
	public ClientAddressResolver(List<String> trustedProxies) {
		Assert.notNull(trustedProxies, "trustedProxies cannot be null");
		this.trustedProxies = trustedProxies.stream().filter((cidr) -> !cidr.isBlank()).map(Cidr::parse).toList();
	}

	/** @return the client's address: the peer's, or the one the trusted proxies say they served */
	public InetAddress resolve(HttpServletRequest request) {
		InetAddress peer = parse(request.getRemoteAddr());
		Assert.state(peer != null, "the servlet container gave no peer address");
		if (!isTrusted(peer)) {
			return peer;
		}
		InetAddress client = peer;
		String header = request.getHeader("X-Forwarded-For");
		if (header == null) {
			return client;
		}
		String[] hops = header.split(",", MAX_HOPS + 1);
		for (int i = Math.min(hops.length, MAX_HOPS) - 1; i >= 0; i--) {
			InetAddress hop = parse(hops[i].strip());
			if (hop == null) {
				// A malformed entry ends what can be believed; the last good hop is the client.
				return client;
			}
			client = hop;
			if (!isTrusted(hop)) {
				return hop;
			}
		}
		return client;
	}

	/** @return whether {@code address} belongs to a trusted proxy */
	public boolean isTrusted(InetAddress address) {
		return this.trustedProxies.stream().anyMatch((cidr) -> cidr.contains(address));
	}

	/** @return the address written as an IP literal, or {@code null} if it is not one */
	public static InetAddress parse(String literal) {
		if (literal == null) {
			return null;
		}
		String text = literal;
		if (text.startsWith("[") && text.endsWith("]")) {
			text = text.substring(1, text.length() - 1);
		}
		boolean v4 = IPV4.matcher(text).matches();
		boolean v6 = !v4 && text.indexOf(':') >= 0 && IPV6.matcher(text).matches();
		if (!v4 && !v6) {
			return null;
		}
		try {
			// A literal of this shape is parsed, never looked up.
			return InetAddress.getByName(text);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	/** An address block, e.g. {@code 192.0.2.0/24}. */
	private record Cidr(byte[] network, int prefix) {

		static Cidr parse(String text) {
			String[] parts = text.strip().split("/", 2);
			InetAddress address = ClientAddressResolver.parse(parts[0]);
			Assert.isTrue(address != null, () -> "not a CIDR block of IP literals: " + text);
			int bits = address.getAddress().length * 8;
			int prefix = (parts.length == 2) ? Integer.parseInt(parts[1]) : bits;
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
