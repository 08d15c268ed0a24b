package jp.mamori.platform.web;

import org.springframework.http.HttpStatus;

/** The problem code used when all that is known of an error is its status. */
final class ErrorCodes {

	private ErrorCodes() {
	}

	static String forStatus(HttpStatus status) {
		return switch (status) {
			case BAD_REQUEST -> "bad-request";
			case UNAUTHORIZED -> "unauthorized";
			case FORBIDDEN -> "forbidden";
			case NOT_FOUND -> "not-found";
			case METHOD_NOT_ALLOWED -> "method-not-allowed";
			case NOT_ACCEPTABLE -> "not-acceptable";
			case CONTENT_TOO_LARGE -> "payload-too-large";
			case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
			case REQUEST_HEADER_FIELDS_TOO_LARGE -> "headers-too-large";
			case TOO_MANY_REQUESTS -> "too-many-requests";
			default -> status.is4xxClientError() ? "bad-request" : "internal";
		};
	}

}
