package jp.mamori.platform;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

/**
 * Every request gets an identifier that appears in every log line written while it is served, in
 * its {@code X-Request-Id} response header and in every problem document, so that an operator can
 * find the logs of a complaint without anyone quoting personal data.
 */
public final class RequestIds {

	public static final String MDC_KEY = "request_id";

	public static final String HEADER = "X-Request-Id";

	private static final String ATTRIBUTE = RequestIds.class.getName();

	private RequestIds() {
	}

	/** Give the request its identifier (once) and put it into the logging context. */
	public static String assign(HttpServletRequest request, HttpServletResponse response) {
		String id = (String) request.getAttribute(ATTRIBUTE);
		if (id == null) {
			id = UUID.randomUUID().toString();
			request.setAttribute(ATTRIBUTE, id);
		}
		MDC.put(MDC_KEY, id);
		if (!response.isCommitted()) {
			response.setHeader(HEADER, id);
		}
		return id;
	}

	/** @return the request's identifier, assigning none */
	public static String of(HttpServletRequest request) {
		Object id = request.getAttribute(ATTRIBUTE);
		return (id != null) ? id.toString() : MDC.get(MDC_KEY);
	}

	public static void clear() {
		MDC.remove(MDC_KEY);
	}

}
