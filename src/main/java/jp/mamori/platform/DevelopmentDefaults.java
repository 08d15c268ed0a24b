package jp.mamori.platform;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The one rule for development conveniences (embedded database, generated certificate, generated
 * keys, dev mailbox): they are refused in the {@code prod} profile, so a production node cannot
 * start on them by accident.
 */
public final class DevelopmentDefaults {

	/** The name of the production profile. */
	public static final String PRODUCTION_PROFILE = "prod";

	private DevelopmentDefaults() {
	}

	/** @return whether the production profile is active */
	public static boolean isProduction(Environment environment) {
		return environment.acceptsProfiles(Profiles.of(PRODUCTION_PROFILE));
	}

	/**
	 * Stop the start-up if a development default is about to be used in production.
	 * @param environment the application's environment
	 * @param what the default, as an operator would name it
	 * @param remedy the setting that replaces it
	 */
	public static void refuseInProduction(Environment environment, String what, String remedy) {
		if (isProduction(environment)) {
			throw new IllegalStateException("Refusing to start in the '" + PRODUCTION_PROFILE + "' profile with "
					+ what + ", a development default. Supply " + remedy + ".");
		}
	}

}
