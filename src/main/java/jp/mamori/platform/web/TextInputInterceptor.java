package jp.mamori.platform.web;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.BeanUtils;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The part of {@link TextInput} that depends on the handler: TAB, CR, LF and the Unicode line
 * separators only in request parameters the handler declares {@link MultilineText} (on a
 * {@code @RequestParam}, or on a component or field of a form object); never in a path variable.
 * Runs before every other interceptor, so the bot check and the handlers see only clean text.
 */
final class TextInputInterceptor implements HandlerInterceptor {

	private final Problems problems;

	private final Map<HandlerMethod, Set<String>> multiline = new ConcurrentHashMap<>();

	TextInputInterceptor(Problems problems) {
		this.problems = problems;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		Set<String> allowed = (handler instanceof HandlerMethod method)
				? this.multiline.computeIfAbsent(method, TextInputInterceptor::multilineParameters) : Set.of();
		List<String> refused = new ArrayList<>();
		request.getParameterMap().forEach((name, values) -> {
			for (String value : values) {
				if (TextInput.check(value, allowed.contains(name)) != null) {
					refused.add(name);
					return;
				}
			}
		});
		if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
			variables.forEach((name, value) -> {
				if (value instanceof String text && TextInput.check(text, false) != null) {
					refused.add(String.valueOf(name));
				}
			});
		}
		if (refused.isEmpty()) {
			return true;
		}
		String message = this.problems.message(request, "problem.field.control-characters");
		this.problems.write(request, response, HttpStatus.BAD_REQUEST, "control-characters",
				refused.stream().map((name) -> new Problems.FieldProblem(name, message)).toList());
		return false;
	}

	/** @return the names of the request parameters the handler declares multi-line */
	static Set<String> multilineParameters(HandlerMethod method) {
		Set<String> names = new HashSet<>();
		for (MethodParameter parameter : method.getMethodParameters()) {
			RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
			if (param != null) {
				if (parameter.hasParameterAnnotation(MultilineText.class)) {
					String name = StringUtils.hasText(param.name()) ? param.name() : param.value();
					names.add(StringUtils.hasText(name) ? name : String.valueOf(parameter.getParameterName()));
				}
			}
			else if (parameter.hasParameterAnnotation(ModelAttribute.class)
					|| !BeanUtils.isSimpleProperty(parameter.getParameterType())) {
				formFields(parameter.getParameterType(), names);
			}
		}
		return Set.copyOf(names);
	}

	private static void formFields(Class<?> type, Set<String> names) {
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				if (component.isAnnotationPresent(MultilineText.class)) {
					names.add(component.getName());
				}
			}
		}
		for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
			for (Field field : c.getDeclaredFields()) {
				if (field.isAnnotationPresent(MultilineText.class)) {
					names.add(field.getName());
				}
			}
		}
	}

}
