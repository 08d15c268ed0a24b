package jp.mamori.platform.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import jp.mamori.platform.CardNumbers;

import static org.assertj.core.api.Assertions.assertThat;

/** The guard's decoders give the text the consumers will see. */
class DecodingTests {

	@Test
	void aHeaderCarryingUtf8BytesIsReadAsUtf8() {
		// Tomcat reads header bytes as ISO-8859-1; full-width digits arrive as their UTF-8 bytes.
		String asTomcatReadsIt = new String("４１１１１１１１１１１１１１１１".getBytes(StandardCharsets.UTF_8),
				StandardCharsets.ISO_8859_1);
		assertThat(CardNumbers.containsCardNumber(asTomcatReadsIt)).isFalse();
		assertThat(CardNumbers.containsCardNumber(Decoding.headerAsUtf8(asTomcatReadsIt))).isTrue();
		assertThat(Decoding.headerAsUtf8("plain ascii")).isSameAs("plain ascii");
	}

	@Test
	void everyJsonEscapeIsDecoded() {
		assertThat(Decoding.unescapeJson("\\u0034\\/1\\t\\n\\\"\\\\\\uD835\\uDFD2")).isEqualTo("4/1\t\n\"\\\uD835\uDFD2");
		assertThat(Decoding.unescapeJson("\\x \\u12 \\")).isEqualTo("\\x \\u12 \\");
	}

	@Test
	void formEncodingIsDecodedAsTheFormReaderDecodesIt() {
		assertThat(Decoding.percentDecode("4111+1111%2D1111%E3%83%BB1111")).isEqualTo("4111 1111-1111・1111");
	}

}
