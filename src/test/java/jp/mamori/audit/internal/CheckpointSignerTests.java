package jp.mamori.audit.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.mamori.platform.PlatformProperties;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CheckpointSignerTests {

	@TempDir
	Path home;

	static final Instant NOW = Instant.parse("2026-11-21T00:00:00.123456Z");

	@Test
	void aSignatureVerifiesOnlyForTheCheckpointItWasMadeFor() {
		CheckpointSigner signer = generated(this.home.resolve("a.pem"));
		byte[] hash = new byte[32];
		byte[] signature = signer.sign(10, hash, 99, NOW);
		assertThat(signer.verify(10, hash, 99, NOW, signer.keyId(), signature)).isTrue();
		assertThat(signer.verify(11, hash, 99, NOW, signer.keyId(), signature)).isFalse();
		assertThat(signer.verify(10, new byte[] { 1 }, 99, NOW, signer.keyId(), signature)).isFalse();
		assertThat(signer.verify(10, hash, 98, NOW, signer.keyId(), signature)).isFalse();
	}

	@Test
	void anotherKeysSignatureIsInvalid() {
		CheckpointSigner mine = generated(this.home.resolve("a.pem"));
		CheckpointSigner theirs = generated(this.home.resolve("b.pem"));
		byte[] signature = theirs.sign(1, new byte[32], 1, NOW);
		assertThat(mine.verify(1, new byte[32], 1, NOW, theirs.keyId(), signature)).isFalse();
		assertThat(mine.verify(1, new byte[32], 1, NOW, mine.keyId(), signature)).isFalse();
	}

	@Test
	void aGeneratedKeyIsReadableByItsOwnerOnlyAndKeptAcrossStarts() throws Exception {
		Path file = this.home.resolve("keys/audit-signing.pem");
		assertThat(SigningKeyFile.ensure(file)).isTrue();
		assertThat(SigningKeyFile.ensure(file)).isFalse();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(new CheckpointSigner(SigningKeyFile.read(file)).keyId())
			.isEqualTo(new CheckpointSigner(SigningKeyFile.read(file)).keyId());
	}

	@Test
	void productionRefusesAGeneratedSigningKey() {
		MockEnvironment environment = new MockEnvironment();
		environment.setActiveProfiles("prod");
		PlatformProperties platform = new PlatformProperties(this.home, null, null, null, null);
		AuditProperties properties = new AuditProperties("", null, null, 1, 1, 1, 1, "", List.of(), null, null);
		assertThatIllegalStateException()
			.isThrownBy(() -> new AuditConfiguration().checkpointSigner(properties, platform, environment))
			.withMessageContaining("signing key");
		assertThat(this.home.resolve("keys")).doesNotExist();
	}

	private static CheckpointSigner generated(Path file) {
		SigningKeyFile.ensure(file);
		return new CheckpointSigner(SigningKeyFile.read(file));
	}

}
