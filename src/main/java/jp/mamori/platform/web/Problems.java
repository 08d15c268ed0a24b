package jp.mamori.platform.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import jp.mamori.platform.RequestIds;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Writes every error Mamori answers: an RFC 9457 {@code application/problem+json} document for API
 * clients, a friendly page for browsers, in Japanese or English by {@code Accept-Language}. Neither
 * ever carries a stack trace, an exception message or the input that was refused.
 */
@Component
public final class Problems {

	/** Problem types are URNs under this prefix followed by the problem's code. */
	public static final String TYPE_PREFIX = "urn:mamori:problem:";

	private final MessageSource messages;

	private final JsonMapper json;

	private final ITemplateEngine templates;

	Problems(MessageSource messages, JsonMapper json, ITemplateEngine templates) {
		this.messages = messages;
		this.json = json;
		this.templates = templates;
	}

	/**
	 * One field that was refused, named by its path in the request, never repeating its value.
	 * @param field the field's path, e.g. {@code items[0].quantity}
	 * @param message why, in the request's language
	 */
	public record FieldProblem(String field, String message) {
	}

	/** Answer with the problem {@code code}; its title and detail come from the message bundle. */
	public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code) {
		write(request, response, status, code, List.of());
	}

	/** Answer with the problem {@code code} and the fields that were refused. */
	public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
			List<FieldProblem> fields) {
		write(request, response, status, code, fields, new Object[0]);
	}

	/**
	 * Answer with the problem {@code code} whose detail takes arguments, e.g. the seconds to wait.
	 * @param detailArguments values for the detail message's placeholders; never personal data
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
			Object... detailArguments) {
		write(request, response, status, code, List.of(), detailArguments);
	}

	private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
			List<FieldProblem> fields, Object[] detailArguments) {
		if (response.isCommitted()) {
			return;
		}
		Locale locale = Languages.of(request);
		String title = this.messages.getMessage("problem." + code + ".title", null, status.getReasonPhrase(), locale);
		String detail = this.messages.getMessage("problem." + code + ".detail", detailArguments, title, locale);
		String requestId = RequestIds.of(request);
		response.resetBuffer();
		response.setStatus(status.value());
		SecurityHeaders.apply(response);
		response.setHeader("Content-Language", locale.getLanguage());
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		try {
			if (wantsPage(request)) {
				response.setContentType(MediaType.TEXT_HTML_VALUE);
				Context context = new Context(locale);
				context.setVariable("status", status.value());
				context.setVariable("title", title);
				context.setVariable("detail", detail);
				context.setVariable("requestId", requestId);
				context.setVariable("fields", fields);
				this.templates.process("error", context, response.getWriter());
			}
			else {
				response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("type", TYPE_PREFIX + code);
				body.put("title", title);
				body.put("status", status.value());
				body.put("detail", detail);
				if (requestId != null) {
					body.put("requestId", requestId);
				}
				if (!fields.isEmpty()) {
					body.put("errors", fields);
				}
				response.getOutputStream().write(this.json.writeValueAsBytes(body));
			}
			response.flushBuffer();
		}
		catch (IOException ex) {
			// The client went away; nothing more can be said to it.
		}
	}

	/** Spring Security's refusals as problems: 403, or "the form has expired" for a missing CSRF token. */
	public AccessDeniedHandler accessDenied() {
		return (request, response, ex) -> write(request, response, HttpStatus.FORBIDDEN,
				(ex instanceof CsrfException) ? "csrf-invalid" : "forbidden");
	}

	/** An unauthenticated request to a protected path: 401, "sign-in required". */
	public AuthenticationEntryPoint signInRequired() {
		return (request, response, ex) -> write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized");
	}

	/** The message for {@code code} in the request's language, for field problems. */
	public String message(HttpServletRequest request, String code, Object... args) {
		return this.messages.getMessage(code, args, code, Languages.of(request));
	}

	/** Browsers asking for pages get pages; everything under {@code /api/} gets problem documents. */
	static boolean wantsPage(HttpServletRequest request) {
		if (request.getRequestURI().startsWith("/api/")) {
			return false;
		}
		String accept = request.getHeader("Accept");
		return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
	}

}
