package jp.mamori.platform.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.mamori.platform.CardNumbers;
import jp.mamori.platform.RequestIds;
import jp.mamori.platform.SecurityEvents;

import org.springframework.http.HttpStatus;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Invariant 2: no card number reaches Mamori. The outermost filter; before it looks at anything it
 * only gives the request its identifier and the security headers. It then reads the path, the query
 * string, every header and the body (up to the size limit, which it also enforces) and refuses the
 * request with 400 if any of them holds a Luhn-valid 13–19-digit number. The refusal, its log line
 * and its {@code security.pan_rejected} event say where the number was, never what it was. Browsers
 * send card numbers to the payment processor's own origin, not here.
 */
final class CardNumberGuardFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger(CardNumberGuardFilter.class);

	private final Problems problems;

	private final SecurityEvents events;

	private final long maxBodyBytes;

	CardNumberGuardFilter(Problems problems, SecurityEvents events, long maxBodyBytes) {
		Assert.notNull(problems, "problems cannot be null");
		Assert.notNull(events, "events cannot be null");
		Assert.isTrue(maxBodyBytes > 0, "maxBodyBytes must be positive");
		this.problems = problems;
		this.events = events;
		this.maxBodyBytes = maxBodyBytes;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		RequestIds.assign(request, response);
		SecurityHeaders.apply(response);
		try {
			String where = inspectEnvelope(request);
			if (where != null) {
				refuse(request, response, where);
				return;
			}
			if (!hasBody(request)) {
				chain.doFilter(request, response);
				return;
			}
			if (request.getContentLengthLong() > this.maxBodyBytes) {
				tooLarge(request, response);
				return;
			}
			byte[] body = readAtMost(request.getInputStream(), this.maxBodyBytes);
			if (body == null) {
				tooLarge(request, response);
				return;
			}
			if (bodyHoldsCardNumber(request, body)) {
				refuse(request, response, "body");
				return;
			}
			chain.doFilter(new CachedBodyRequest(request, body), response);
		}
		finally {
			RequestIds.clear();
		}
	}

	/** @return where a card number was found outside the body, or {@code null} */
	private static String inspectEnvelope(HttpServletRequest request) {
		if (holds(request.getRequestURI())) {
			return "path";
		}
		if (holds(request.getQueryString())) {
			return "query";
		}
		for (String name : Collections.list(request.getHeaderNames())) {
			for (String value : Collections.list(request.getHeaders(name))) {
				if (holds(value)) {
					return "header";
				}
			}
		}
		return null;
	}

	private static boolean holds(String text) {
		return text != null && (CardNumbers.containsCardNumber(text)
				|| (text.indexOf('%') >= 0 || text.indexOf('+') >= 0)
						&& CardNumbers.containsCardNumber(Decoding.percentDecode(text)));
	}

	private static boolean bodyHoldsCardNumber(HttpServletRequest request, byte[] body) {
		String text = new String(body, charsetOf(request));
		if (CardNumbers.containsCardNumber(text)) {
			return true;
		}
		if (text.indexOf('%') >= 0 || text.indexOf('+') >= 0) {
			if (CardNumbers.containsCardNumber(Decoding.percentDecode(text))) {
				return true;
			}
		}
		return text.contains("\\u") && CardNumbers.containsCardNumber(Decoding.unescapeJson(text));
	}

	private static Charset charsetOf(HttpServletRequest request) {
		String name = request.getCharacterEncoding();
		if (name != null) {
			try {
				return Charset.forName(name);
			}
			catch (IllegalArgumentException ex) {
				// An unknown charset is read as UTF-8; the handler will refuse the body if it cannot read it.
			}
		}
		return StandardCharsets.UTF_8;
	}

	private static boolean hasBody(HttpServletRequest request) {
		return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
	}

	/** @return the body, or {@code null} if it is longer than {@code limit} */
	static byte[] readAtMost(InputStream in, long limit) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		long total = 0;
		int read;
		while ((read = in.read(buffer)) != -1) {
			total += read;
			if (total > limit) {
				return null;
			}
			out.write(buffer, 0, read);
		}
		return out.toByteArray();
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, String where) {
		logger.warn("Refused a request that carried a card number in its {}", where);
		this.events.publish("security.pan_rejected",
				Map.of("location", where, "method", request.getMethod(), "source_address", request.getRemoteAddr()));
		this.problems.write(request, response, HttpStatus.BAD_REQUEST, "card-number-refused");
	}

	private void tooLarge(HttpServletRequest request, HttpServletResponse response) {
		if ("HTTP/1.1".equals(request.getProtocol())) {
			// The unread rest of the body is not worth waiting for.
			response.setHeader("Connection", "close");
		}
		this.problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large");
	}

}
