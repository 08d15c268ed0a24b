package jp.mamori.platform.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
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
 * request with 400 if any of them holds a Luhn-valid 13–19-digit number ({@link CardNumbers} says how
 * it is found however it is written). A body must be UTF-8 (415 otherwise), so that the guard reads
 * the same text as the handler after it. The refusal, its log line
 * and its {@code security.pan_rejected} event say where the number was, never what it was. Browsers
 * send card numbers to the payment processor's own origin, not here.
 */
final class CardNumberGuardFilter extends OncePerRequestFilter {

	/** Security event: A request carried what looks like a card number and was refused before anything read it. */
	static final String PAN_REJECTED = "security.pan_rejected";

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
			if (!declaresUtf8(request)) {
				this.problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-charset");
				return;
			}
			byte[] body = readAtMost(request.getInputStream(), this.maxBodyBytes);
			if (body == null) {
				tooLarge(request, response);
				return;
			}
			String text = strictUtf8(body);
			if (text == null) {
				this.problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-charset");
				return;
			}
			if (holds(text)) {
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
				// Tomcat reads header bytes as ISO-8859-1; a client may have meant them as UTF-8.
				String utf8 = Decoding.headerAsUtf8(value);
				if (holds(value) || (utf8 != value && holds(utf8))) {
					return "header";
				}
			}
		}
		return null;
	}

	/**
	 * Whether the text holds a card number as it is, percent- or form-decoded (as the query string and
	 * form fields are decoded for their consumers, {@link CachedBodyRequest} among them), or with JSON's
	 * escapes decoded (as the JSON reader decodes them).
	 */
	private static boolean holds(String text) {
		if (text == null) {
			return false;
		}
		if (CardNumbers.containsCardNumber(text)) {
			return true;
		}
		if ((text.indexOf('%') >= 0 || text.indexOf('+') >= 0)
				&& CardNumbers.containsCardNumber(Decoding.percentDecode(text))) {
			return true;
		}
		return text.indexOf('\\') >= 0 && CardNumbers.containsCardNumber(Decoding.unescapeJson(text));
	}

	/**
	 * Security decision: bodies are read as UTF-8 only. A body declared in another charset is refused,
	 * not decoded by its label: the JSON reader detects the encoding from the bytes by itself, so the
	 * guard could read a label's text while the handler read another.
	 */
	static boolean declaresUtf8(HttpServletRequest request) {
		String name = request.getCharacterEncoding();
		if (name == null) {
			return true;
		}
		try {
			Charset charset = Charset.forName(name.strip());
			return charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * @return the body as UTF-8, or {@code null} if it is not well-formed UTF-8 or holds a NUL byte
	 * (which JSON never holds, and by which a reader would take it for UTF-16 or UTF-32)
	 */
	static String strictUtf8(byte[] body) {
		for (byte b : body) {
			if (b == 0) {
				return null;
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
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
		this.events.publish(PAN_REJECTED,
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
