package jp.mamori.vault.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.mamori.platform.DevelopmentDefaults;
import jp.mamori.platform.ProductionReadiness;
import jp.mamori.testing.TemporaryHome;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The master key: generated only in development, refused in production. */
class MasterKeyProductionTests {

	@Test
	void productionRefusesAGeneratedMasterKey() {
		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles(DevelopmentDefaults.PRODUCTION_PROFILE);
		Path home = TemporaryHome.create();
		assertThatThrownBy(() -> MasterKeyLoader.load(properties("", ""), home, production))
			.hasMessageContaining("Refusing to start in the 'prod' profile")
			.hasMessageContaining("MAMORI_MASTER_KEY");
		assertThat(home.resolve("keys/master.key")).doesNotExist();
	}

	@Test
	void productionReadinessNamesTheMissingVaultKeysBeforeAnythingStarts() {
		StandardEnvironment production = new StandardEnvironment();
		production.setActiveProfiles(DevelopmentDefaults.PRODUCTION_PROFILE);
		production.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("mamori.db.url", "jdbc:postgresql://db/mamori",
					"mamori.db.owner-user", "owner", "mamori.tls.certificate", "c.pem", "mamori.tls.private-key", "k.pem")));
		assertThatThrownBy(() -> new ProductionReadiness().postProcessEnvironment(production, new SpringApplication()))
			.hasMessageContaining("a generated personal-data master key")
			.hasMessageContaining("MAMORI_MASTER_KEY")
			.hasMessageContaining("MAMORI_VAULT_INDEX_KEY_FILE")
			.hasMessageContaining("MAMORI_VAULT_SUBJECT_KEY_DIR");
	}

	@Test
	void productionAcceptsASuppliedMasterKey() {
		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles(DevelopmentDefaults.PRODUCTION_PROFILE);
		String key = Base64.getEncoder().encodeToString(new byte[32]);
		assertThat(MasterKeyLoader.load(properties(key, ""), TemporaryHome.create(), production).currentId())
			.isEqualTo(MasterKey.idOf(new byte[32]));
	}

	@Test
	void developmentGeneratesAnOwnerOnlyMasterKeyOnceAndKeepsIt() throws Exception {
		Path home = TemporaryHome.create();
		MasterKey first = MasterKeyLoader.load(properties("", ""), home, new MockEnvironment());
		Path file = home.resolve("keys/master.key");
		assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE);
		assertThat(MasterKeyLoader.load(properties("", ""), home, new MockEnvironment()).currentId())
			.isEqualTo(first.currentId());
	}

	@Test
	void aMasterKeyOfTheWrongLengthIsRefused() {
		String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
		assertThatThrownBy(() -> MasterKeyLoader.load(properties(shortKey, ""), TemporaryHome.create(),
				new MockEnvironment()))
			.hasMessageContaining("32 bytes")
			.hasMessageNotContaining(shortKey);
	}

	@Test
	void wrappedKeysOpenWithAPreviousMasterKeyUntilRewrapped() throws Exception {
		byte[] old = new byte[32];
		byte[] current = new byte[32];
		current[0] = 1;
		byte[] wrapped = new MasterKey(old, List.of(), InsecurePlaintextAccess.get()).encrypt(new byte[] { 42 }, null);
		MasterKey rotated = new MasterKey(current, List.of(old), InsecurePlaintextAccess.get());
		assertThat(rotated.isCurrent(wrapped)).isFalse();
		assertThat(rotated.decrypt(wrapped, null)).containsExactly(42);
		assertThat(rotated.isCurrent(rotated.encrypt(new byte[] { 42 }, null))).isTrue();
		assertThatThrownBy(() -> new MasterKey(current, List.of(), InsecurePlaintextAccess.get()).decrypt(wrapped, null))
			.hasMessageContaining("not configured");
	}

	private static VaultProperties properties(String masterKey, String masterKeyFile) {
		return new VaultProperties(masterKey, masterKeyFile, List.of(), "", "", 100, java.time.Duration.ofMinutes(1),
				java.time.Duration.ofMinutes(5), 100, java.time.Duration.ofMinutes(10), false);
	}

}
