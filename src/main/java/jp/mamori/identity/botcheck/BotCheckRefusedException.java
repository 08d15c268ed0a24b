package jp.mamori.identity.botcheck;

/**
 * A sign-in needed a solved bot check and had none that was accepted: it is answered
 * {@code 400 bot-check-failed} like a request the {@link BotCheckInterceptor} refuses, and nothing was
 * hashed, counted or written.
 */
public final class BotCheckRefusedException extends RuntimeException {

	public BotCheckRefusedException() {
		super("The bot check was needed and not solved", null, false, false);
	}

}
