package jp.mamori.mail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OutgoingMailTests {

	@Test
	void toStringMasksTheAddressAndNeverPrintsSubjectOrBodies() {
		OutgoingMail mail = new OutgoingMail("taro.yamada@example.jp", "山田様へのお知らせ", "山田太郎様\n確認コード: 493817",
				"<p>確認コード: 493817</p>");

		String printed = mail.toString();

		assertThat(printed).contains("t***@example.jp")
			.doesNotContain("taro.yamada")
			.doesNotContain("山田")
			.doesNotContain("493817");
	}

	@ParameterizedTest
	@ValueSource(strings = { "taro@example.jp\r\nBcc: victim@example.com", "taro@example.jp\nBcc: x@example.com",
			"taro@example.jp\r", "taro@exam\u0000ple.jp", "taro@example.jp\u2028Bcc: x@example.com" })
	void anAddressWithALineBreakOrControlCharacterIsRefusedAsHeaderInjection(String address) {
		assertThatIllegalArgumentException().isThrownBy(() -> new OutgoingMail(address, "件名", "本文"))
			.withMessageContaining("header injection")
			.withMessageNotContaining("example");
	}

	@ParameterizedTest
	@ValueSource(strings = { "件名\r\nBcc: victim@example.com", "件名\nX-Injected: yes", "件名\r", "件名\tタブ" })
	void aSubjectWithALineBreakOrControlCharacterIsRefusedAsHeaderInjection(String subject) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OutgoingMail("taro@example.jp", subject, "本文"))
			.withMessageContaining("header injection")
			.withMessageNotContaining("件名");
	}

	@ParameterizedTest
	@ValueSource(strings = { "taro", "taro@", "@example.jp", "taro@example", "taro@@example.jp",
			"taro@example.jp, hanako@example.jp", "Taro <taro@example.jp>", "taro yamada@example.jp",
			"taro@-example.jp", "taro@example..jp", "太郎@example.jp", "taro@例え.jp", "...@example.jp",
			"taro@example.jp.", "taro@[127.0.0.1]" })
	void aMalformedAddressIsRefusedWithoutRepeatingIt(String address) {
		assertThatIllegalArgumentException().isThrownBy(() -> new OutgoingMail(address, "件名", "本文"))
			.withMessageContaining("not a single valid e-mail address")
			.withMessageNotContaining(address);
	}

	@ParameterizedTest
	@ValueSource(strings = { "taro@example.jp", "taro.yamada+shop@mail.example.co.jp", "taro..yamada.@docomo.ne.jp",
			"hanako_1985.@ezweb.ne.jp", "shop@xn--r8jz45g.jp" })
	void ordinaryAndLegacyJapaneseMobileAddressesAreAccepted(String address) {
		assertThat(new OutgoingMail(address, "件名", "本文").to()).isEqualTo(address);
	}

	@Test
	void aMissingOrOverlongSubjectOrBodyIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OutgoingMail("taro@example.jp", " ", "本文"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OutgoingMail("taro@example.jp", "件".repeat(201), "本文"));
		assertThatIllegalArgumentException().isThrownBy(() -> new OutgoingMail("taro@example.jp", "件名", ""));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OutgoingMail("taro@example.jp", "件名", "本文", " "));
		assertThatIllegalArgumentException().isThrownBy(() -> new OutgoingMail(null, "件名", "本文"));
	}

	@Test
	void theHtmlBodyIsOptional() {
		assertThat(new OutgoingMail("taro@example.jp", "件名", "本文").htmlBody()).isEmpty();
		assertThat(new OutgoingMail("taro@example.jp", "件名", "本文", "<p>本文</p>").htmlBody()).contains("<p>本文</p>");
	}

}
