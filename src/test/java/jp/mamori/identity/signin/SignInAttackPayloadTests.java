package jp.mamori.identity.signin;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.List;

import jp.mamori.identity.AccountFixture;
import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;
import jp.mamori.identity.api.CustomerSessionHttpTests;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Every bundled hostile payload as user ID and as password: a clear 4xx, never a server error. */
@IdentityTest
public class SignInAttackPayloadTests {

	@Autowired
	AccountFixture customers;

	@Test
	void noPayloadInTheSignInFieldsCausesAServerError() throws Exception {
		CustomerClient client = this.customers.client();
		List<String> failures = new ArrayList<>();
		List<String> payloads = payloads();
		assertThat(payloads).hasSizeGreaterThan(1000);
		for (int i = 0; i < payloads.size(); i++) {
			String payload = payloads.get(i);
			// User ID and password at once, from a fresh address so that throttling does not cut the run short.
			check(failures, payload, client.signIn(payload, payload, CustomerSessionHttpTests.address()));
			if (i % 10 == 0) {
				check(failures, payload, client.post(payload, CustomerSessionHttpTests.address()));
			}
		}
		assertThat(failures).isEmpty();
	}

	/** @return every line of every {@code attacks/*.txt} on the test class path */
	public static List<String> payloads() throws Exception {
		Path folder = Path.of(SignInAttackPayloadTests.class.getResource("/attacks").toURI());
		List<String> payloads = new ArrayList<>();
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".txt")).sorted().toList()) {
				Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter((line) -> !line.isEmpty())
					.forEach(payloads::add);
			}
		}
		return payloads;
	}

	private static void check(List<String> failures, String payload, HttpResponse<String> response) {
		int status = response.statusCode();
		if (status >= 500 || status < 400 || response.body().contains("Exception")) {
			failures.add(status + " for " + payload);
		}
	}

}
