package jp.mamori.testing.layering.identity.api;

import jp.mamori.testing.layering.identity.credentials.PlantedCredential;

/** The controller the planted credential knows. */
public final class PlantedController {

	public static final String PATH = "/planted";

	PlantedCredential credential() {
		return new PlantedCredential();
	}

}
