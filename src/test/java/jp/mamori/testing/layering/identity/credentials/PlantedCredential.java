package jp.mamori.testing.layering.identity.credentials;

import jp.mamori.testing.layering.identity.api.PlantedController;

/** Knows a controller, as no class below the web layer may. */
public final class PlantedCredential {

	public String path() {
		return PlantedController.PATH + new PlantedController().toString();
	}

}
