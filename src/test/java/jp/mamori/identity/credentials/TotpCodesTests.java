package jp.mamori.identity.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** TOTP codes as the reference tool makes them, accepted within one step and never twice. */
class TotpCodesTests {

	final TotpCodes codes = new TotpCodes();

	final byte[] secret = new byte[TotpSecrets.SECRET_BYTES];

	TotpCodesTests() {
		new SecureRandom().nextBytes(this.secret);
	}

	@Test
	void codesAgreeWithOathtoolAtStepBoundariesAndFarTimes() throws Exception {
		long[] times = { 0, 29, 30, 59, 60, 1111111109, 1111111110, 1234567890, 2000000000, 20000000000L };
		String base32 = Base32.encode(this.secret);
		for (long time : times) {
			assertThat(this.codes.code(this.secret, Instant.ofEpochSecond(time))).as("at %d", time)
				.isEqualTo(oathtool(base32, time));
		}
	}

	@Test
	void theRfc6238SecretGivesTheRfcCodeCutToSixDigits() {
		byte[] rfc = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
		assertThat(this.codes.code(rfc, Instant.ofEpochSecond(59))).isEqualTo("287082");
		assertThat(this.codes.code(rfc, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
		assertThat(Base32.decode(Base32.encode(rfc))).isEqualTo(rfc);
	}

	@Test
	void aCodeIsRefusedTheSecondTime() {
		Instant now = Instant.ofEpochSecond(1_800_000_015);
		String code = this.codes.code(this.secret, now);
		long step = this.codes.accept(this.secret, code, now, Long.MIN_VALUE).orElseThrow();
		assertThat(step).isEqualTo(TotpCodes.step(now));
		assertThat(this.codes.accept(this.secret, code, now, step)).isEmpty();
		// Nor is the previous step's code, once a later one was accepted.
		String previous = this.codes.code(this.secret, now.minusSeconds(30));
		assertThat(this.codes.accept(this.secret, previous, now, step)).isEmpty();
	}

	@Test
	void oneStepEitherSideIsAcceptedAndTwoAreRefused() {
		Instant now = Instant.ofEpochSecond(1_800_000_015);
		for (int offset : new int[] { -1, 0, 1 }) {
			String code = this.codes.code(this.secret, now.plusSeconds(30L * offset));
			assertThat(this.codes.accept(this.secret, code, now, Long.MIN_VALUE)).as("offset %d", offset).isPresent();
		}
		for (int offset : new int[] { -2, 2 }) {
			String code = this.codes.code(this.secret, now.plusSeconds(30L * offset));
			assertThat(this.codes.accept(this.secret, code, now, Long.MIN_VALUE)).as("offset %d", offset).isEmpty();
		}
	}

	@Test
	void somethingThatIsNotSixDigitsIsRefused() {
		Instant now = Instant.ofEpochSecond(1_800_000_015);
		assertThat(this.codes.accept(this.secret, "", now, Long.MIN_VALUE)).isEmpty();
		assertThat(this.codes.accept(this.secret, "1234567", now, Long.MIN_VALUE)).isEmpty();
		assertThat(this.codes.accept(this.secret, null, now, Long.MIN_VALUE)).isEmpty();
	}

	private static String oathtool(String base32, long epochSecond) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("oathtool", "--totp", "--base32", "--digits=6", "--time-step-size=30s",
				"--now=@" + epochSecond, base32)
			.redirectErrorStream(true)
			.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(out).isZero();
		return out;
	}

}
