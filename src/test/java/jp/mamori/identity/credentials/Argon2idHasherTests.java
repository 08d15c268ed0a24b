package jp.mamori.identity.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Mamori's Argon2id agrees with the reference {@code argon2} command-line tool, both ways. */
class Argon2idHasherTests {

	static final IdentityProperties.Argon2 FLOOR = new IdentityProperties.Argon2(19456, 2, 1, 0);

	private final Argon2idHasher hasher = new Argon2idHasher(FLOOR);

	@Test
	void hashesCarryTheirParametersInPhcFormat() {
		assertThat(this.hasher.hash("correct horse battery staple"))
			.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
	}

	@Test
	void aHashMadeByMamoriIsTheOneTheReferenceToolMakes() throws Exception {
		String salt = "mamori-salt-1234";
		String password = "パスワードは長いほうが良い 2026";
		String mamori = this.hasher.hash(password, salt.getBytes(StandardCharsets.US_ASCII));
		assertThat(referenceTool(password, salt)).isEqualTo(mamori);
	}

	@Test
	void aHashMadeByTheReferenceToolVerifiesInMamori() throws Exception {
		String password = "tool-made passphrase 守り";
		String reference = referenceTool(password, "0123456789abcdef");
		assertThat(this.hasher.verify(password, reference)).isTrue();
		assertThat(this.hasher.verify(password + "x", reference)).isFalse();
	}

	@Test
	void fullWidthAndHalfWidthAreTheSamePassword() {
		String hash = this.hasher.hash("ＰＡＳＳｐｈｒａｓｅ１２３");
		assertThat(this.hasher.verify("PASSphrase123", hash)).isTrue();
	}

	@Test
	void malformedHashesVerifyNothing() {
		assertThat(this.hasher.verify("anything", "$argon2id$v=19$m=1,t=1,p=1$x$y")).isFalse();
		assertThat(this.hasher.verify("anything", null)).isFalse();
	}

	@Test
	void weakerParametersNeedARehash() {
		Argon2idHasher stronger = new Argon2idHasher(new IdentityProperties.Argon2(19456 * 2, 3, 1, 0));
		String old = this.hasher.hash("some long passphrase");
		assertThat(this.hasher.needsRehash(old)).isFalse();
		assertThat(stronger.needsRehash(old)).isTrue();
		assertThat(stronger.verify("some long passphrase", old)).isTrue();
	}

	/** Runs Debian's {@code argon2} (installed by {@code ./mamori test}) with Mamori's parameters. */
	static String referenceTool(String password, String salt) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("argon2", salt, "-id", "-t", "2", "-k", "19456", "-p", "1", "-l", "32",
				"-e")
			.redirectErrorStream(true)
			.start();
		// The tool hashes stdin as it is; Mamori hashes the NFKC form, which these passwords already are.
		process.getOutputStream().write(password.getBytes(StandardCharsets.UTF_8));
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}
