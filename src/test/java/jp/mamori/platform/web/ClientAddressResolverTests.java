package jp.mamori.platform.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ClientAddressResolverTests {

	private final ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8", "2001:db8::/32"));

	@Test
	void forwardedForFromAnUntrustedAddressIsIgnored() {
		assertThat(resolve("203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
	}

	@Test
	void forwardedForFromATrustedProxyNamesTheClient() {
		assertThat(resolve("10.1.2.3", "198.51.100.1")).isEqualTo("198.51.100.1");
		assertThat(resolve("2001:db8::5", "198.51.100.1")).isEqualTo("198.51.100.1");
	}

	@Test
	void aForgedHopPrependedByTheClientIsSkipped() {
		// The client wrote "1.2.3.4"; the trusted proxies appended the client's real address and their own.
		assertThat(resolve("10.0.0.1", "1.2.3.4, 198.51.100.7, 10.0.0.2")).isEqualTo("198.51.100.7");
	}

	@Test
	void aMalformedHopEndsWhatIsBelieved() {
		assertThat(resolve("10.0.0.1", "example.com")).isEqualTo("10.0.0.1");
		assertThat(resolve("10.0.0.1", "198.51.100.7, 999.1.1.1")).isEqualTo("10.0.0.1");
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

	private String resolve(String peer, String forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(peer);
		request.addHeader("X-Forwarded-For", forwardedFor);
		return this.resolver.resolve(request).getHostAddress();
	}

}
