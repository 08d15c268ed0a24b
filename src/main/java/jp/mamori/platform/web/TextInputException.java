package jp.mamori.platform.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * A JSON string that {@link TextInput} refuses. Jackson adds the path of the field as the exception
 * travels up, so the problem answer can name it; the message never repeats the value.
 */
final class TextInputException extends MismatchedInputException {

	private static final long serialVersionUID = 1L;

	TextInputException(JsonParser parser) {
		super(parser, "A text field holds a character it may not hold", String.class);
	}

}
