package jp.mamori.identity.signin;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.Registering;
import jp.mamori.identity.api.CustomerSessionHttpTests;
import jp.mamori.identity.api.EmailCodeController;
import jp.mamori.identity.credentials.OneTimeCodes;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader of the database who has a customer's row of {@code identity_email_code} (salt and stored
 * form) cannot find the mailed code by trying all million of them: the stored form needs identity's
 * key, which is not in the database.
 */
@IdentityTest
class StoredCodeTests {

	@Autowired
	AccountFixture customers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OneTimeCodes codes;

	@Test
	void theMillionCodesTriedAgainstTheRowFindNothingWhileTheKeyVerifiesTheMailedCode() throws Exception {
		Registering registering = this.customers.registering();
		String unique = UUID.randomUUID().toString().substring(0, 8);
		String email = "dump" + unique + "@example.jp";
		String account = registering.registerAndConfirm(Registering.request("dump" + unique, email, "佐藤", "サトウ"));
		assertThat(this.customers.client()
			.postJson(EmailCodeController.PATH, Map.of("identifier", email), "X-Forwarded-For",
					CustomerSessionHttpTests.address())
			.statusCode()).isEqualTo(202);
		record Row(byte[] salt, byte[] hash) {
		}
		Row row = this.jdbc.sql("select code_salt, code_hash from identity_email_code where account_id = ?")
			.param(UUID.fromString(account))
			.query((rs, n) -> new Row(rs.getBytes(1), rs.getBytes(2)))
			.single();
		String mailed = registering.mails(email)
			.stream()
			.filter((mail) -> "Your Mamori sign-in code".equals(mail.get("subject")))
			.map((mail) -> (String) mail.get("text"))
			.map((text) -> {
				var matcher = java.util.regex.Pattern.compile("\\b([0-9]{6})\\b").matcher(text);
				assertThat(matcher.find()).isTrue();
				return matcher.group(1);
			})
			.findFirst()
			.orElseThrow();
		CustomerId id = new CustomerId(UUID.fromString(account));

		assertThat(jp.mamori.identity.credentials.SecretDigestsTestSupport.searchOldForm(row.hash(), row.salt(), id))
			.as("the code a reader of the database finds").isNull();
		assertThat(this.codes.matches(row.hash(), row.salt(), id, mailed)).isTrue();
	}

}
