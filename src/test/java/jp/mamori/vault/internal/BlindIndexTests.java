package jp.mamori.vault.internal;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import jp.mamori.vault.BlindIndex;
import jp.mamori.vault.Subject;
import jp.mamori.vault.Vault;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Equality search by keyed digest of the normalised value. */
@VaultTest
class BlindIndexTests {

	@Autowired
	BlindIndex index;

	@Autowired
	HmacBlindIndex hmac;

	@Autowired
	Vault vault;

	@Autowired
	JdbcClient jdbc;

	final Subject customer = Subject.customer("c-" + UUID.randomUUID());

	@Test
	void anEmailIsFoundWhateverItsCaseOrWidth() {
		this.index.index(this.customer, BlindIndex.Kind.EMAIL, "Taro.Yamada@Example.JP");
		assertThat(this.index.lookup(BlindIndex.Kind.EMAIL, "taro.yamada@example.jp")).containsExactly(this.customer);
		assertThat(this.index.lookup(BlindIndex.Kind.EMAIL, "ｔａｒｏ.ｙａｍａｄａ@ｅｘａｍｐｌｅ.ｊｐ"))
			.containsExactly(this.customer);
		assertThat(this.index.lookup(BlindIndex.Kind.EMAIL, "jiro.yamada@example.jp")).isEmpty();
	}

	@Test
	void aPhoneNumberIsFoundInNationalOrInternationalForm() {
		this.index.index(this.customer, BlindIndex.Kind.PHONE, "090-1234-5678");
		assertThat(this.index.lookup(BlindIndex.Kind.PHONE, "+81 90 1234 5678")).containsExactly(this.customer);
		assertThat(this.index.lookup(BlindIndex.Kind.PHONE, "０９０１２３４５６７８")).containsExactly(this.customer);
	}

	@Test
	void theSameValueHasDifferentDigestsInDifferentKindsAndNoDigestContainsTheValue() {
		byte[] email = this.hmac.digest(BlindIndex.Kind.EMAIL, "a@example.jp");
		assertThat(email).hasSize(HmacBlindIndex.DIGEST_BYTES);
		assertThat(this.hmac.digest(BlindIndex.Kind.EMAIL, "A@EXAMPLE.JP")).isEqualTo(email);
		assertThat(this.hmac.digest(BlindIndex.Kind.PHONE, "09012345678"))
			.isNotEqualTo(this.hmac.digest(BlindIndex.Kind.EMAIL, "x09012345678@example.jp"));
	}

	@Test
	void anInvalidValueIsRefusedRatherThanIndexed() {
		assertThatThrownBy(() -> this.index.index(this.customer, BlindIndex.Kind.EMAIL, "not an address"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> this.index.index(this.customer, BlindIndex.Kind.PHONE, "12345"))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void destroyingASubjectRemovesItsEntriesOnly() {
		Subject other = Subject.customer("c-" + UUID.randomUUID());
		this.index.index(this.customer, BlindIndex.Kind.EMAIL, "shared@example.jp");
		this.index.index(other, BlindIndex.Kind.EMAIL, "shared@example.jp");
		assertThat(this.index.lookup(BlindIndex.Kind.EMAIL, "shared@example.jp")).containsExactlyInAnyOrder(this.customer,
				other);
		this.vault.destroy(this.customer);
		assertThat(this.index.lookup(BlindIndex.Kind.EMAIL, "shared@example.jp")).containsExactly(other);
		assertThat(this.jdbc.sql("select count(*) from vault_blind_index where subject_id = ?")
			.param(this.customer.id())
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void removingOneValueKeepsTheOthers() {
		this.index.index(this.customer, BlindIndex.Kind.EMAIL, "old@example.jp");
		this.index.index(this.customer, BlindIndex.Kind.EMAIL, "new@example.jp");
		this.index.remove(this.customer, BlindIndex.Kind.EMAIL, "old@example.jp");
		assertThat(this.index.lookup(BlindIndex.Kind.EMAIL, "old@example.jp")).isEmpty();
		assertThat(this.index.lookup(BlindIndex.Kind.EMAIL, "new@example.jp")).containsExactly(this.customer);
	}

}
