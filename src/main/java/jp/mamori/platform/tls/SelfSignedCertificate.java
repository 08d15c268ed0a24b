package jp.mamori.platform.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The development certificate: an ECDSA P-256 key and a self-signed certificate for
 * {@code localhost}, {@code 127.0.0.1} and {@code ::1}, written as PEM files on first start and
 * made anew when it is about to expire. The private key file is readable by its owner only.
 */
final class SelfSignedCertificate {

	static final Duration VALIDITY = Duration.ofDays(397);

	static final Duration RENEW_BEFORE = Duration.ofDays(30);

	private SelfSignedCertificate() {
	}

	/**
	 * Make sure a usable certificate is at {@code certificate} and its key at {@code privateKey}.
	 * @return whether a new one was made
	 */
	static boolean ensure(Path certificate, Path privateKey, Clock clock) {
		try {
			if (Files.exists(certificate) && Files.exists(privateKey) && !expiresSoon(certificate, clock)) {
				return false;
			}
			Files.createDirectories(certificate.toAbsolutePath().getParent());
			generate(certificate, privateKey, clock.instant());
			return true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the development certificate", ex);
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("Could not generate the development certificate", ex);
		}
	}

	private static boolean expiresSoon(Path certificate, Clock clock) throws IOException {
		try (var in = Files.newInputStream(certificate)) {
			X509Certificate cert = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
				.generateCertificate(in);
			return cert.getNotAfter().toInstant().isBefore(clock.instant().plus(RENEW_BEFORE));
		}
		catch (GeneralSecurityException ex) {
			return true;
		}
	}

	private static void generate(Path certificate, Path privateKey, Instant now)
			throws GeneralSecurityException, OperatorCreationException, IOException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
		KeyPair keyPair = generator.generateKeyPair();
		X500Name subject = new X500Name("CN=localhost, O=Mamori development");
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
				new BigInteger(128, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
				Date.from(now.plus(VALIDITY)), subject, keyPair.getPublic());
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
		builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
		builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
		builder.addExtension(Extension.subjectAlternativeName, false,
				new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
						new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
						new GeneralName(GeneralName.iPAddress, "::1") }));
		X509Certificate cert = new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
		writeAtomically(privateKey, pem(keyPair.getPrivate()), true);
		writeAtomically(certificate, pem(cert), false);
	}

	private static String pem(Object object) throws IOException {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(object instanceof java.security.PrivateKey key
					? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null) : object);
		}
		return out.toString();
	}

	private static void writeAtomically(Path target, String content, boolean secret) throws IOException {
		Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".new-", ".pem");
		try {
			if (secret) {
				Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
			}
			Files.writeString(temp, content, StandardCharsets.US_ASCII);
			Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

}
