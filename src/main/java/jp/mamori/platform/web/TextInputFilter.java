package jp.mamori.platform.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@link TextInput} for what the container decodes before any handler runs: the path and every
 * parameter of the query string and of a form. A character no field may hold is refused here, with
 * 400 naming the parameter (or {@code path}), before filters or handlers can read it; so is a
 * parameter that is not valid UTF-8, which the container would otherwise fail on wherever it is
 * first read. Line breaks in single-line parameters are left to {@link TextInputInterceptor}, which
 * knows the handler and so which parameters are {@link MultilineText}.
 */
final class TextInputFilter extends OncePerRequestFilter {

	private final Problems problems;

	TextInputFilter(Problems problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (TextInput.forbiddenEverywhere(Decoding.percentDecode(request.getRequestURI()))) {
			refuse(request, response, List.of("path"));
			return;
		}
		Map<String, String[]> parameters;
		try {
			parameters = request.getParameterMap();
		}
		catch (IllegalStateException | IllegalArgumentException ex) {
			// Tomcat's InvalidParameterException: a parameter that is not valid in the request's charset.
			this.problems.write(request, response, HttpStatus.BAD_REQUEST, "invalid-encoding");
			return;
		}
		List<String> refused = new ArrayList<>();
		parameters.forEach((name, values) -> {
			boolean bad = TextInput.forbiddenEverywhere(name);
			for (String value : values) {
				bad = bad || TextInput.forbiddenEverywhere(value);
			}
			if (bad) {
				refused.add(TextInput.forbiddenEverywhere(name) ? "(name)" : name);
			}
		});
		if (!refused.isEmpty()) {
			refuse(request, response, refused);
			return;
		}
		chain.doFilter(request, response);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, List<String> names) {
		String message = this.problems.message(request, "problem.field.control-characters");
		this.problems.write(request, response, HttpStatus.BAD_REQUEST, "control-characters",
				names.stream().map((name) -> new Problems.FieldProblem(name, message)).toList());
	}

}
