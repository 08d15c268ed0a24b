package jp.mamori.audit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import jp.mamori.platform.SecretFiles;

/**
 * Reads and writes the checkpoint signing key as a PKCS#8 PEM file. This is the one place that
 * handles the key's secret bytes; grep for {@code SigningKeyFile} to find every use.
 */
final class SigningKeyFile {

	private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";

	private static final String END = "-----END PRIVATE KEY-----";

	private SigningKeyFile() {
	}

	static PrivateKey read(Path file) {
		try {
			String pem = Files.readString(file, StandardCharsets.US_ASCII);
			int begin = pem.indexOf(BEGIN);
			int end = pem.indexOf(END);
			if (begin < 0 || end < begin) {
				throw new IllegalStateException("The audit signing key file " + file
						+ " is not a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)");
			}
			byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
			return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the audit signing key " + file, ex);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("The audit signing key in " + file + " is not an Ed25519 key", ex);
		}
	}

	/**
	 * Generate a key into {@code file} unless it exists; the file and its folder are readable by
	 * their owner only.
	 * @return whether a key was generated
	 */
	static boolean ensure(Path file) {
		if (Files.exists(file)) {
			return false;
		}
		try {
			PrivateKey key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
			String pem = BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(key.getEncoded())
					+ "\n" + END + "\n";
			return SecretFiles.createNew(file, pem.getBytes(StandardCharsets.US_ASCII));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Ed25519 is part of every Java 15+ runtime", ex);
		}
	}

}
