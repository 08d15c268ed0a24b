package jp.mamori.platform;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SecurityEventTests {

	@Test
	void aUuidWhoseDigitsPassTheLuhnCheckIsStillAnIdentifier() {
		String id = "41973254-6903-4009-8abc-def012345678";
		// Its first three groups, 4197325469034009, pass the Luhn check on their own.
		assertThat(CardNumbers.containsCardNumber("4197325469034009")).isTrue();
		assertThat(CardNumbers.containsCardNumber(id)).isFalse();
		assertThat(event(Map.of("account_id", id)).attributes()).containsEntry("account_id", id);
	}

	@Test
	void aCardNumberIsStillRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> event(Map.of("note", "4111-1111-1111-1111")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> event(Map.of("note", "41973254-6903-4009-8abc-def012345678 4111 1111 1111 1111")));
	}

	private static SecurityEvent event(Map<String, String> attributes) {
		return new SecurityEvent(UUID.randomUUID(), "auth.login.failed", Instant.EPOCH, attributes);
	}

}
