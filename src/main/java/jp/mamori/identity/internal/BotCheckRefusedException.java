package jp.mamori.identity.internal;

/**
 * A sign-in needed a solved bot check and had none that was accepted: it is answered
 * {@code 400 bot-check-failed} like a request the {@link BotCheckInterceptor} refuses, and nothing was
 * hashed, counted or written.
 */
final class BotCheckRefusedException extends RuntimeException {

	BotCheckRefusedException() {
		super("The bot check was needed and not solved", null, false, false);
	}

}
