package jp.mamori.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every exception a handler can raise into a clear problem: bad input is a 4xx that names the
 * field and says why, in the request's language, without echoing the value. Only a fault of Mamori's
 * own is a 500, and it too says nothing of its cause.
 */
@RestControllerAdvice
@Order(0)
class ProblemAdvice {

	private static final Logger logger = LoggerFactory.getLogger(ProblemAdvice.class);

	private final Problems problems;

	ProblemAdvice(Problems problems) {
		this.problems = problems;
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	void unreadable(HttpMessageNotReadableException ex, HttpServletRequest request, HttpServletResponse response) {
		Throwable cause = ex.getCause();
		if (cause instanceof TextInputException refused) {
			fields(request, response, "control-characters", List.of(path(refused)), "problem.field.control-characters");
		}
		else if (cause instanceof UnrecognizedPropertyException unknown) {
			fields(request, response, "unknown-field", List.of(path(unknown)), "problem.field.unknown");
		}
		else if (cause instanceof InvalidFormatException || cause instanceof MismatchedInputException mismatch
				&& !(mismatch.getPath().isEmpty())) {
			fields(request, response, "invalid-field-type", List.of(path((DatabindException) cause)),
					"problem.field.wrong-type");
		}
		else if (cause instanceof JacksonException) {
			this.problems.write(request, response, HttpStatus.BAD_REQUEST, "malformed-body");
		}
		else {
			this.problems.write(request, response, HttpStatus.BAD_REQUEST, "unreadable-body");
		}
	}

	private static String path(DatabindException ex) {
		StringBuilder path = new StringBuilder();
		ex.getPath().forEach((reference) -> {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		});
		return path.isEmpty() ? "$" : path.toString();
	}

	private void fields(HttpServletRequest request, HttpServletResponse response, String code, List<String> names,
			String messageCode) {
		String message = this.problems.message(request, messageCode);
		this.problems.write(request, response, HttpStatus.BAD_REQUEST, code,
				names.stream().map((name) -> new Problems.FieldProblem(name, message)).toList());
	}

	@ExceptionHandler(BindException.class)
	void invalid(BindException ex, HttpServletRequest request, HttpServletResponse response) {
		List<Problems.FieldProblem> fields = new ArrayList<>();
		for (FieldError error : ex.getFieldErrors()) {
			String message = this.problems.message(request, "problem.field." + error.getCode(),
					constraintArguments(error.getArguments()));
			if (message.equals("problem.field." + error.getCode())) {
				message = this.problems.message(request, "problem.field.invalid");
			}
			fields.add(new Problems.FieldProblem(error.getField(), message));
		}
		ex.getGlobalErrors()
			.forEach((error) -> fields.add(new Problems.FieldProblem(error.getObjectName(),
					this.problems.message(request, "problem.field.invalid"))));
		this.problems.write(request, response, HttpStatus.BAD_REQUEST, "validation-failed", fields);
	}

	/** Bean Validation passes the field name first, then the constraint's attributes (min, max). */
	private static Object[] constraintArguments(Object[] arguments) {
		if (arguments == null || arguments.length < 2) {
			return new Object[0];
		}
		Object[] rest = new Object[arguments.length - 1];
		System.arraycopy(arguments, 1, rest, 0, rest.length);
		java.util.Arrays.sort(rest, (a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
		return rest;
	}

	@ExceptionHandler(HandlerMethodValidationException.class)
	void invalidParameters(HandlerMethodValidationException ex, HttpServletRequest request,
			HttpServletResponse response) {
		List<Problems.FieldProblem> fields = ex.getParameterValidationResults()
			.stream()
			.map((result) -> new Problems.FieldProblem(result.getMethodParameter().getParameterName(),
					this.problems.message(request, "problem.field.invalid")))
			.toList();
		this.problems.write(request, response, HttpStatus.BAD_REQUEST, "validation-failed", fields);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	void violated(ConstraintViolationException ex, HttpServletRequest request, HttpServletResponse response) {
		Set<String> names = ex.getConstraintViolations()
			.stream()
			.map((violation) -> violation.getPropertyPath().toString())
			.collect(Collectors.toCollection(java.util.TreeSet::new));
		fields(request, response, "validation-failed", List.copyOf(names), "problem.field.invalid");
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	void mismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request, HttpServletResponse response) {
		fields(request, response, "invalid-field-type", List.of(ex.getName()), "problem.field.wrong-type");
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	void missing(MissingServletRequestParameterException ex, HttpServletRequest request,
			HttpServletResponse response) {
		fields(request, response, "missing-parameter", List.of(ex.getParameterName()), "problem.field.required");
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	void method(HttpRequestMethodNotSupportedException ex, HttpServletRequest request, HttpServletResponse response) {
		Set<HttpMethod> allowed = ex.getSupportedHttpMethods();
		if (allowed != null && !allowed.isEmpty()) {
			response.setHeader("Allow", allowed.stream().map(HttpMethod::name).collect(Collectors.joining(", ")));
		}
		this.problems.write(request, response, HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed");
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	void mediaType(HttpServletRequest request, HttpServletResponse response) {
		this.problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type");
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	void notAcceptable(HttpServletRequest request, HttpServletResponse response) {
		this.problems.write(request, response, HttpStatus.NOT_ACCEPTABLE, "not-acceptable");
	}

	@ExceptionHandler(NoResourceFoundException.class)
	void notFound(HttpServletRequest request, HttpServletResponse response) {
		this.problems.write(request, response, HttpStatus.NOT_FOUND, "not-found");
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	void tooLarge(HttpServletRequest request, HttpServletResponse response) {
		this.problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large");
	}

	/** Spring Security answers these itself, with the entry point and the access-denied handler. */
	@ExceptionHandler({ AccessDeniedException.class, AuthenticationException.class })
	void security(RuntimeException ex) {
		throw ex;
	}

	/** Exceptions that know their status (ResponseStatusException and the like) keep it; others are faults. */
	@ExceptionHandler(Exception.class)
	void other(Exception ex, HttpServletRequest request, HttpServletResponse response) {
		if (ex instanceof ErrorResponse errorResponse) {
			HttpStatus status = HttpStatus.resolve(errorResponse.getStatusCode().value());
			if (status != null && status.is4xxClientError()) {
				this.problems.write(request, response, status, ErrorCodes.forStatus(status));
				return;
			}
		}
		logger.error("Request failed with an internal error", ex);
		this.problems.write(request, response, HttpStatus.INTERNAL_SERVER_ERROR, "internal");
	}

}
