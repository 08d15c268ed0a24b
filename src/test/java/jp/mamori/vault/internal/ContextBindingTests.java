package jp.mamori.vault.internal;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import jp.mamori.platform.SecurityEvent;
import jp.mamori.testing.RecordedSecurityEvents;
import jp.mamori.vault.ContextMismatchException;
import jp.mamori.vault.Reader;
import jp.mamori.vault.SealContext;
import jp.mamori.vault.Sealed;
import jp.mamori.vault.Subject;
import jp.mamori.vault.Vault;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A sealed value opens only where it was sealed: same subject, field and row. */
@VaultTest
class ContextBindingTests {

	@Autowired
	Vault vault;

	@Autowired
	RecordedSecurityEvents events;

	final Subject alice = Subject.customer("c-" + UUID.randomUUID());

	final Subject bob = Subject.customer("c-" + UUID.randomUUID());

	@Test
	void aValueOpensInThePlaceItWasSealedFor() {
		SealContext here = SealContext.of(this.alice, "customer.name", "row-1");
		Sealed sealed = this.vault.seal(here, "山田 花子");
		assertThat(this.vault.open(sealed, here, Reader.self(this.alice), "profile page")).isEqualTo("山田 花子");
		assertThat(sealed.keyReference()).startsWith(this.alice.reference() + "/");
		assertThat(sealed.toString()).doesNotContain("山田").contains(sealed.keyReference());
	}

	@Test
	void aCiphertextCopiedToAnotherRowFailsToOpenAndRaisesASecurityEvent() {
		Sealed sealed = this.vault.seal(SealContext.of(this.alice, "customer.name", "row-1"), "山田 花子");
		SealContext otherRow = SealContext.of(this.alice, "customer.name", "row-2");
		int before = this.events.named(TinkVault.CONTEXT_MISMATCH).size();
		assertThatThrownBy(() -> this.vault.open(sealed, otherRow, Reader.staff("staff-1"), "ticket-1"))
			.isInstanceOf(ContextMismatchException.class)
			.hasMessageContaining("row-2")
			.hasMessageNotContaining("山田");
		SecurityEvent event = this.events.named(TinkVault.CONTEXT_MISMATCH).get(before);
		assertThat(event.attributes()).containsEntry("subject", this.alice.reference())
			.containsEntry("field", "customer.name")
			.containsEntry("row_id", "row-2");
		assertThat(event.attributes().values()).noneMatch((value) -> value.contains("山田"));
	}

	@Test
	void aCiphertextCopiedIntoAnotherSubjectsRecordFailsToOpenEvenWithThatSubjectsKeyReference() {
		this.vault.seal(SealContext.of(this.bob, "customer.name", "row-9"), "佐藤 一郎");
		Sealed alices = this.vault.seal(SealContext.of(this.alice, "customer.name", "row-9"), "山田 花子");
		SealContext bobsRow = SealContext.of(this.bob, "customer.name", "row-9");
		Sealed relabelled = Sealed.of(alices.ciphertext(), alices.keyReference().replace(this.alice.reference(),
				this.bob.reference()));
		int before = this.events.named(TinkVault.CONTEXT_MISMATCH).size();
		assertThatThrownBy(() -> this.vault.open(alices, bobsRow, Reader.self(this.bob), "profile page"))
			.isInstanceOf(ContextMismatchException.class)
			.hasMessageContaining("another subject");
		assertThatThrownBy(() -> this.vault.open(relabelled, bobsRow, Reader.self(this.bob), "profile page"))
			.isInstanceOf(ContextMismatchException.class);
		assertThat(this.events.named(TinkVault.CONTEXT_MISMATCH)).hasSize(before + 2);
	}

	@Test
	void aCiphertextMovedToAnotherFieldOfTheSameRowFailsToOpen() {
		Sealed phone = this.vault.seal(SealContext.of(this.alice, "customer.phone", "row-1"), "09012345678");
		assertThatThrownBy(() -> this.vault.open(phone, SealContext.of(this.alice, "customer.name", "row-1"),
				Reader.self(this.alice), "profile page"))
			.isInstanceOf(ContextMismatchException.class);
	}

	@Test
	void aTamperedCiphertextFailsToOpen() {
		SealContext here = SealContext.of(this.alice, "customer.name", "row-3");
		byte[] bytes = this.vault.seal(here, "山田 花子").ciphertext();
		bytes[bytes.length - 1] ^= 1;
		Sealed sealed = Sealed.of(bytes, this.vault.seal(here, "x").keyReference());
		assertThatThrownBy(() -> this.vault.open(sealed, here, Reader.self(this.alice), "profile page"))
			.isInstanceOf(ContextMismatchException.class);
	}

}
