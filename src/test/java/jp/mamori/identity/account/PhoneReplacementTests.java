package jp.mamori.identity.account;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.Registering;
import jp.mamori.identity.api.CustomerProfileController;
import jp.mamori.vault.BlindIndex;
import jp.mamori.vault.Subject;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Replacing the phone number leaves nothing in the blind index that still leads to the old one. */
@IdentityTest
class PhoneReplacementTests {

	@Autowired
	AccountFixture accounts;

	@Autowired
	BlindIndex index;

	@Test
	void aReplacedPhoneNumberNoLongerFindsTheCustomer() {
		AccountFixture.Customer customer = this.accounts.aConfirmedCustomer("phone");
		Subject subject = CustomerFields.subject(UUID.fromString(customer.id()));
		String suffix = String.format("%04d", Math.floorMod(UUID.randomUUID().hashCode(), 10_000));
		String old = "090-1234-" + suffix;
		String replacement = "080-4321-" + suffix;
		CustomerClient client = this.accounts.signedIn(customer.userId(), Registering.PASSWORD);
		assertThat(setPhone(client, old).statusCode()).isEqualTo(204);
		assertThat(this.index.lookup(BlindIndex.Kind.PHONE, old)).contains(subject);
		assertThat(setPhone(client, replacement).statusCode()).isEqualTo(204);
		assertThat(this.index.lookup(BlindIndex.Kind.PHONE, old)).doesNotContain(subject);
		assertThat(this.index.lookup(BlindIndex.Kind.PHONE, replacement)).contains(subject);
		// Setting the same number again keeps exactly its own entry.
		assertThat(setPhone(client, replacement).statusCode()).isEqualTo(204);
		assertThat(this.index.lookup(BlindIndex.Kind.PHONE, replacement)).contains(subject);
		HttpResponse<String> profile = client.get(CustomerProfileController.PATH);
		assertThat(profile.body()).contains("080-****-" + suffix);
	}

	private static HttpResponse<String> setPhone(CustomerClient client, String phone) {
		return client.withCsrfToken().putJson(CustomerProfileController.PATH + "/phone", Map.of("phone", phone));
	}

}
