package jp.mamori.platform.web;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import jp.mamori.platform.ForwardedHeader;

/**
 * The client behind a request is the first hop, walking {@code X-Forwarded-For} from the right, that
 * is not a trusted proxy; nothing the client wrote itself can be chosen.
 */
class ClientAddressResolverTests {

	static final String PROXY = "10.0.0.1";

	static final String CLIENT = "198.51.100.7";

	private final ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8", "2001:db8::/32"));

	@Test
	void forwardedForFromAnUntrustedAddressIsIgnored() {
		assertThat(resolve("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
		assertThat(resolve("203.0.113.9", forged(20) + ", 10.0.0.2")).isEqualTo("203.0.113.9");
	}

	@Test
	void forwardedForFromATrustedProxyNamesTheClient() {
		assertThat(resolve("10.1.2.3", "198.51.100.1")).isEqualTo("198.51.100.1");
		assertThat(resolve("2001:db8::5", "198.51.100.1")).isEqualTo("198.51.100.1");
	}

	@Test
	void aForgedHopPrependedByTheClientIsSkipped() {
		// The client wrote "1.2.3.4"; the trusted proxies appended the client's real address and their own.
		assertThat(resolve(PROXY, "1.2.3.4, 198.51.100.7, 10.0.0.2")).isEqualTo("198.51.100.7");
	}

	@Test
	void twentyForgedEntriesBeforeTheProxysOwnNameNobodyButTheClient() {
		for (int forged = 1; forged <= 40; forged++) {
			assertThat(resolve(PROXY, forged(forged) + ", " + CLIENT)).as("%d forged", forged).isEqualTo(CLIENT);
		}
	}

	@Test
	void forgedEntriesThatNameTrustedProxiesAreStillSkippedFromTheRight() {
		assertThat(resolve(PROXY, "10.9.9.9, 10.9.9.8, " + CLIENT + ", 10.0.0.2")).isEqualTo(CLIENT);
	}

	@Test
	void everyHeaderLineIsReadInOrder() {
		// The client sent a line of its own; the proxy added another rather than appending to it.
		assertThat(resolve(PROXY, "1.2.3.4, 5.6.7.8", CLIENT)).isEqualTo(CLIENT);
		assertThat(resolve(PROXY, forged(20), CLIENT + ", 10.0.0.3")).isEqualTo(CLIENT);
		assertThat(resolve(PROXY, "1.2.3.4", CLIENT, "10.0.0.3", "10.0.0.4")).isEqualTo(CLIENT);
	}

	@Test
	void aChainOfTwoTrustedProxiesIsWalkedThrough() {
		// Client -> edge proxy 10.0.0.2 -> inner proxy 10.0.0.1 -> Mamori.
		assertThat(resolve(PROXY, "6.6.6.6, " + CLIENT + ", 10.0.0.2")).isEqualTo(CLIENT);
		assertThat(resolve("2001:db8::1", CLIENT + ", 2001:db8::2")).isEqualTo(CLIENT);
	}

	@Test
	void ipv6ClientsAreReadWithAndWithoutBrackets() {
		assertThat(resolve(PROXY, "1.2.3.4, 2001:db9::7")).isEqualTo("2001:db9:0:0:0:0:0:7");
		assertThat(resolve(PROXY, "1.2.3.4, [2001:db9::7]")).isEqualTo("2001:db9:0:0:0:0:0:7");
		assertThat(resolve(PROXY, "1.2.3.4, [2001:db9::7]:4711")).isEqualTo("2001:db9:0:0:0:0:0:7");
		assertThat(resolve(PROXY, "1.2.3.4, 198.51.100.7:4711")).isEqualTo(CLIENT);
	}

	@Test
	void ipv4MappedIpv6IsTheIpv4Address() {
		assertThat(resolve(PROXY, "::ffff:198.51.100.7")).isEqualTo(CLIENT);
		assertThat(resolve(PROXY, "[::ffff:c633:6407]")).isEqualTo(CLIENT);
		assertThat(resolve("::ffff:10.0.0.1", CLIENT)).isEqualTo(CLIENT);
	}

	@Test
	void aZoneIdIsNotAnAddressAndEndsTheWalk() {
		assertThat(resolve(PROXY, "fe80::1%eth0")).isEqualTo(PROXY);
		assertThat(resolve(PROXY, "[fe80::1%25eth0]")).isEqualTo(PROXY);
		assertThat(ClientAddressResolver.parse("fe80::1%1")).isNull();
	}

	@Test
	void aListLongerThanCanBeWalkedFallsBackToThePeerNeverToAClientsEntry() {
		// Only trusted hops as far as the walk goes: the client wrote them, so none of them is believed.
		List<String> trusted = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			trusted.add("10.0." + (i / 250) + "." + (1 + i % 250));
		}
		assertThat(resolve(PROXY, "1.2.3.4, " + String.join(", ", trusted))).isEqualTo(PROXY);
		assertThat(resolve(PROXY, forged(500) + ", " + String.join(", ", trusted))).isEqualTo(PROXY);
	}

	@Test
	void aMalformedHopEndsWhatIsBelieved() {
		assertThat(resolve(PROXY, "example.com")).isEqualTo(PROXY);
		assertThat(resolve(PROXY, "198.51.100.7, 999.1.1.1")).isEqualTo(PROXY);
		// The trusted proxy 10.0.0.2 reported something unreadable: 10.0.0.2 is as far as anyone can tell.
		assertThat(resolve(PROXY, "1.2.3.4, unknown, 10.0.0.2")).isEqualTo("10.0.0.2");
		assertThat(resolve(PROXY, "1.2.3.4, 198.51.100.7:99999")).isEqualTo(PROXY);
	}

	@Test
	void emptyListElementsAreIgnored() {
		assertThat(resolve(PROXY, "1.2.3.4, " + CLIENT + ",, ")).isEqualTo(CLIENT);
	}

	@Test
	void theForwardedHeaderIsReadTheSameWayWhenTheProxiesWriteIt() {
		assertThat(forwarded(PROXY, "for=1.2.3.4, for=198.51.100.7;proto=https;by=10.0.0.1")).isEqualTo(CLIENT);
		assertThat(forwarded(PROXY, "for=1.2.3.4", "For=\"[2001:db9::7]:4711\"")).isEqualTo("2001:db9:0:0:0:0:0:7");
		assertThat(forwarded(PROXY, "for=\"198.51.100.7:443\", for=10.0.0.2")).isEqualTo(CLIENT);
		assertThat(forwarded(PROXY, forged(20).replace("203", "for=203") + ", for=" + CLIENT)).isEqualTo(CLIENT);
		// unknown, an obfuscated node, an element without for=, or two of them: the reporting proxy.
		assertThat(forwarded(PROXY, "for=1.2.3.4, for=unknown")).isEqualTo(PROXY);
		assertThat(forwarded(PROXY, "for=1.2.3.4, for=_hidden, for=10.0.0.2")).isEqualTo("10.0.0.2");
		assertThat(forwarded(PROXY, "for=1.2.3.4, proto=https")).isEqualTo(PROXY);
		assertThat(forwarded(PROXY, "for=1.2.3.4;for=198.51.100.7")).isEqualTo(PROXY);
		// A quote the client leaves open cannot swallow what the proxy appends on the same line.
		assertThat(forwarded(PROXY, "for=\"1.2.3.4, for=198.51.100.7")).isEqualTo(CLIENT);
	}

	@Test
	void onlyTheHeaderTheProxiesWriteIsRead() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(PROXY);
		request.addHeader("X-Forwarded-For", CLIENT);
		request.addHeader("Forwarded", "for=6.6.6.6");
		assertThat(this.resolver.resolve(request).getHostAddress()).isEqualTo(CLIENT);
		ClientAddressResolver rfc7239 = new ClientAddressResolver(List.of("10.0.0.0/8"),
				ForwardedHeader.FORWARDED);
		request.removeHeader("Forwarded");
		request.addHeader("Forwarded", "for=" + CLIENT);
		request.removeHeader("X-Forwarded-For");
		request.addHeader("X-Forwarded-For", "6.6.6.6");
		assertThat(rfc7239.resolve(request).getHostAddress()).isEqualTo(CLIENT);
	}

	@Test
	void trustedBlocksMayBeWrittenAsIpv4MappedIpv6() {
		ClientAddressResolver mapped = new ClientAddressResolver(List.of("::ffff:10.0.0.0/104"));
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr("10.200.0.1");
		request.addHeader("X-Forwarded-For", CLIENT);
		assertThat(mapped.resolve(request).getHostAddress()).isEqualTo(CLIENT);
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddressResolver(List.of("::ffff:10.0.0.0/8")));
	}

	@Test
	void withoutTrustedProxiesThePeerIsTheClient() {
		ClientAddressResolver none = new ClientAddressResolver(List.of(""));
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr("127.0.0.1");
		request.addHeader("X-Forwarded-For", "198.51.100.1");
		assertThat(none.resolve(request).getHostAddress()).isEqualTo("127.0.0.1");
	}

	@Test
	void namesAreNeverLookedUp() {
		assertThat(ClientAddressResolver.parse("localhost")).isNull();
		assertThat(ClientAddressResolver.parse("[::1]")).isNotNull();
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientAddressResolver(List.of("proxy.example")));
	}

	/** @return {@code count} addresses a client might write, none of them a trusted proxy */
	static String forged(int count) {
		List<String> forged = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			forged.add("203.0.113." + (1 + i % 250));
		}
		return String.join(", ", forged);
	}

	private static String forwarded(String peer, String... lines) {
		ClientAddressResolver rfc7239 = new ClientAddressResolver(List.of("10.0.0.0/8", "2001:db8::/32"),
				ForwardedHeader.FORWARDED);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(peer);
		for (String line : lines) {
			request.addHeader("Forwarded", line);
		}
		return rfc7239.resolve(request).getHostAddress();
	}

	private String resolve(String peer, String... forwardedForLines) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(peer);
		for (String line : forwardedForLines) {
			request.addHeader("X-Forwarded-For", line);
		}
		return this.resolver.resolve(request).getHostAddress();
	}

}
