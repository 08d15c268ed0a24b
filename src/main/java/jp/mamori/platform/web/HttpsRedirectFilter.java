package jp.mamori.platform.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The plain-HTTP port serves nothing: every request on it is answered with a permanent redirect to
 * the same path over HTTPS (308 keeps the method, so nothing is silently re-sent as GET).
 */
final class HttpsRedirectFilter extends OncePerRequestFilter {

	private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]");

	private final AtomicInteger httpsPort;

	HttpsRedirectFilter(AtomicInteger httpsPort) {
		this.httpsPort = httpsPort;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.isSecure()) {
			chain.doFilter(request, response);
			return;
		}
		String host = request.getServerName();
		if (host == null || !HOST.matcher(host).matches()) {
			host = "localhost";
		}
		int port = this.httpsPort.get();
		String target = "https://" + host + ((port == 443) ? "" : ":" + port) + request.getRequestURI()
				+ ((request.getQueryString() != null) ? "?" + request.getQueryString() : "");
		response.setStatus(HttpStatus.PERMANENT_REDIRECT.value());
		response.setHeader("Location", target);
		response.setContentLength(0);
	}

}
