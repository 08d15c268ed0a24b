package jp.mamori.platform;

/**
 * The forwarding header the trusted proxies write, the only one read for the client's address
 * ({@code mamori.web.forwarded-header}).
 */
public enum ForwardedHeader {

	/** {@code X-Forwarded-For: client, proxy1, proxy2}, as nginx's {@code $proxy_add_x_forwarded_for} writes it */
	X_FORWARDED_FOR("X-Forwarded-For"),

	/** {@code Forwarded: for=client, for="[2001:db8::1]:4711"} (RFC 7239) */
	FORWARDED("Forwarded");

	private final String headerName;

	ForwardedHeader(String headerName) {
		this.headerName = headerName;
	}

	public String headerName() {
		return this.headerName;
	}

}
