package jp.mamori.identity;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import jp.mamori.identity.api.CustomerProfileController;
import jp.mamori.testing.LeakScan;
import jp.mamori.testing.PostgresTools;
import jp.mamori.testing.TestHttp;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariant 1: canary values sent through the public flows — registration, e-mail confirmation,
 * sign-in, the profile's phone number — appear neither in a {@code pg_dump} of the database nor in the
 * application's log output, in any form (as given, lower case, NFKC, Base64, hex). Later modules add
 * their fields (shipping addresses with orders, bank accounts with payouts) to this test.
 */
@IdentityTest
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataLeakTests {

	private static final SecureRandom random = new SecureRandom();

	private static final String KANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ";

	private static final String KANJI = "金木水火土日月山川林森雨雪風花鳥虎竜亀鶴松竹梅桜菊藤";

	@Autowired
	AccountFixture customers;

	@Autowired
	TestHttp http;

	@Autowired
	HikariDataSource dataSource;

	@Test
	void noCanaryFromThePublicFlowsReachesTheDatabaseDumpOrTheLogs(CapturedOutput output) {
		List<String> canaries = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String family = "漏" + random(KANJI, 5);
			String familyKana = random(KANA, 8);
			String email = "Canary." + random("abcdefghijkmnpqrstuvwxyz", 10) + "@Example.jp";
			// Japanese mobile numbers: 090, then a digit from 1 to 9, then seven more.
			String phone = "090-" + random("123456789", 1) + digits(3) + "-" + digits(4);
			String userId = "leak" + digits(8);
			canaries.addAll(List.of(family, familyKana, email, phone, phone.replace("-", ""), "+81" + phone.substring(1).replace("-", "")));

			CustomerClient client = this.customers.aBrowser();
			Registering registering = new Registering(client, this.http);
			registering.registerAndConfirm(Registering.request(userId, email, family, familyKana));
			assertThat(client.withCsrfToken().signIn(userId, Registering.PASSWORD, null).statusCode()).isIn(200, 204);
			HttpResponse<String> phoneSet = client.withCsrfToken()
				.putJson(CustomerProfileController.PATH + "/phone", Map.of("phone", phone));
			assertThat(phoneSet.statusCode()).as(phoneSet.body()).isEqualTo(204);
			HttpResponse<String> profile = client.get(CustomerProfileController.PATH);
			assertThat(profile.body()).contains("090-****-" + phone.substring(9));
		}

		String dump = new PostgresTools(this.dataSource).dump();
		assertThat(dump).contains("identity_customer_account").contains("vault_keyset");
		LeakScan scan = LeakScan.of(canaries.toArray(String[]::new));
		assertThat(scan.scan("pg_dump", dump)).isEmpty();
		assertThat(scan.scan("log", output.getAll())).isEmpty();
	}

	private static String random(String alphabet, int length) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

	private static String digits(int length) {
		return random("0123456789", length);
	}

}
