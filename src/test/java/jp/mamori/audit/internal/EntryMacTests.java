package jp.mamori.audit.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jp.mamori.platform.PlatformProperties;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The entries' MAC: bound to every field the writer sets, rotatable, its key generated only in development. */
class EntryMacTests {

	@TempDir
	Path home;

	@Test
	void aGeneratedKeyIsReadableByItsOwnerOnlyAndKeepsItsIdentifier() throws Exception {
		Path file = this.home.resolve("keys/audit-mac.key");
		assertThat(MacKeyFile.ensure(file)).isTrue();
		assertThat(MacKeyFile.ensure(file)).isFalse();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
		assertThat(new EntryMac(MacKeyFile.read(file), List.of()).currentKeyId())
			.isEqualTo(new EntryMac(MacKeyFile.read(file), List.of()).currentKeyId())
			.hasSize(16);
	}

	@Test
	void changingAnyFieldTheWriterSetBreaksTheMac() {
		EntryMac macs = new EntryMac(key(1), List.of());
		ChainHashes.StoredEntry genuine = entry(macs, "order.viewed");
		assertThat(macs.checker().authentic(genuine)).isTrue();
		ChainHashes.StoredEntry otherAction = new ChainHashes.StoredEntry(genuine.id(), genuine.uuid(),
				genuine.occurredAtMicros(), genuine.txid(), genuine.actorKind(), genuine.actorId(), "order.refunded",
				genuine.subject(), genuine.purpose(), genuine.details(), genuine.mac(), genuine.macKeyId());
		ChainHashes.StoredEntry otherActor = new ChainHashes.StoredEntry(genuine.id(), genuine.uuid(),
				genuine.occurredAtMicros(), genuine.txid(), genuine.actorKind(), "staff-admin", genuine.action(),
				genuine.subject(), genuine.purpose(), genuine.details(), genuine.mac(), genuine.macKeyId());
		assertThat(macs.checker().authentic(otherAction)).isFalse();
		assertThat(macs.checker().authentic(otherActor)).isFalse();
	}

	@Test
	void afterARotationOldEntriesStillCheckAndNewOnesUseTheNewKey() {
		EntryMac before = new EntryMac(key(1), List.of());
		ChainHashes.StoredEntry old = entry(before, "order.viewed");
		EntryMac after = new EntryMac(key(2), List.of(key(1)));
		ChainHashes.StoredEntry fresh = entry(after, "order.viewed");
		assertThat(after.currentKeyId()).isNotEqualTo(before.currentKeyId());
		assertThat(fresh.macKeyId()).isEqualTo(after.currentKeyId());
		assertThat(after.checker().authentic(old)).isTrue();
		assertThat(after.checker().authentic(fresh)).isTrue();
		// Once the old key is retired for good, its entries no longer pass.
		assertThat(new EntryMac(key(2), List.of()).checker().authentic(old)).isFalse();
	}

	@Test
	void productionRefusesAGeneratedMacKey() {
		MockEnvironment environment = new MockEnvironment();
		environment.setActiveProfiles("prod");
		PlatformProperties platform = new PlatformProperties(this.home, null, null, null, null);
		AuditProperties properties = new AuditProperties("", null, null, 1, 1, 1, 1, "", List.of(), null, null);
		assertThatIllegalStateException()
			.isThrownBy(() -> new AuditConfiguration().entryMac(properties, platform, environment))
			.withMessageContaining("MAMORI_AUDIT_MAC_KEY_FILE");
		assertThat(this.home.resolve("keys")).doesNotExist();
	}

	private static ChainHashes.StoredEntry entry(EntryMac macs, String action) {
		UUID uuid = UUID.randomUUID();
		byte[] mac = macs.sign(uuid, 1_775_001_600_000_000L, "STAFF", "staff-1", action, "order-1", null, "{}");
		return new ChainHashes.StoredEntry(1, uuid, 1_775_001_600_000_000L, 7, "STAFF", "staff-1", action, "order-1",
				null, "{}", mac, macs.currentKeyId());
	}

	private static byte[] key(int seed) {
		byte[] key = new byte[32];
		java.util.Arrays.fill(key, (byte) seed);
		return key;
	}

}
