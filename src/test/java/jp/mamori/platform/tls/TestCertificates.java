package jp.mamori.platform.tls;

import java.nio.file.Path;
import java.time.Clock;

/** Certificates for tests that must supply their own, as production does. */
public final class TestCertificates {

	private TestCertificates() {
	}

	/** Write a self-signed certificate and its key as PEM files. */
	public static void write(Path certificate, Path privateKey) {
		SelfSignedCertificate.ensure(certificate, privateKey, Clock.systemUTC());
	}

}
