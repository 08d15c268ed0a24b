package jp.mamori.platform.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;

import java.util.Map;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;

/**
 * A request whose body the guard has already read: it replays the body, and since the container can
 * no longer parse form fields from a consumed stream, it parses them itself.
 */
final class CachedBodyRequest extends HttpServletRequestWrapper {

	private final byte[] body;

	private Map<String, String[]> parameters;

	CachedBodyRequest(HttpServletRequest request, byte[] body) {
		super(request);
		this.body = body;
	}

	@Override
	public ServletInputStream getInputStream() {
		ByteArrayInputStream in = new ByteArrayInputStream(this.body);
		return new ServletInputStream() {

			@Override
			public int read() {
				return in.read();
			}

			@Override
			public int read(byte[] b, int off, int len) {
				return in.read(b, off, len);
			}

			@Override
			public boolean isFinished() {
				return in.available() == 0;
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setReadListener(ReadListener listener) {
				throw new UnsupportedOperationException("The body has been read already");
			}

		};
	}

	@Override
	public BufferedReader getReader() {
		return new BufferedReader(new InputStreamReader(getInputStream(), charset()));
	}

	@Override
	public int getContentLength() {
		return this.body.length;
	}

	@Override
	public long getContentLengthLong() {
		return this.body.length;
	}

	@Override
	public String getParameter(String name) {
		String[] values = parameters().get(name);
		return (values != null && values.length > 0) ? values[0] : null;
	}

	@Override
	public Map<String, String[]> getParameterMap() {
		return parameters();
	}

	@Override
	public Enumeration<String> getParameterNames() {
		return Collections.enumeration(parameters().keySet());
	}

	@Override
	public String[] getParameterValues(String name) {
		return parameters().get(name);
	}

	private Map<String, String[]> parameters() {
		if (this.parameters == null) {
			MultiValueMap<String, String> values = new LinkedMultiValueMap<>();
			parse(getQueryString(), values);
			if (isForm()) {
				parse(new String(this.body, charset()), values);
			}
			Map<String, String[]> result = new LinkedHashMap<>();
			values.forEach((key, list) -> result.put(key, list.toArray(String[]::new)));
			this.parameters = Collections.unmodifiableMap(result);
		}
		return this.parameters;
	}

	private boolean isForm() {
		String type = getContentType();
		if (type == null || !"POST".equals(getMethod()) && !"PUT".equals(getMethod()) && !"PATCH".equals(getMethod())) {
			return false;
		}
		try {
			return MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(type));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private Charset charset() {
		String name = getCharacterEncoding();
		try {
			return (name != null) ? Charset.forName(name) : StandardCharsets.UTF_8;
		}
		catch (IllegalArgumentException ex) {
			return StandardCharsets.UTF_8;
		}
	}

	private static void parse(String encoded, MultiValueMap<String, String> into) {
		if (!StringUtils.hasLength(encoded)) {
			return;
		}
		for (String pair : encoded.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String key = Decoding.percentDecode((eq < 0) ? pair : pair.substring(0, eq));
			String value = (eq < 0) ? "" : Decoding.percentDecode(pair.substring(eq + 1));
			into.add(key, value);
		}
	}

}
