package jp.mamori.identity;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.mamori.identity.api.CustomerSessionHttpTests;
import jp.mamori.identity.api.EmailCodeController;
import jp.mamori.identity.api.PasswordResetController;
import jp.mamori.testing.TestHttp;

import static org.assertj.core.api.Assertions.assertThat;

/** Registered customers for the account-operation tests, their sign-ins and their mail. */
public final class AccountFixture {

	private static final Pattern TOKEN = Pattern.compile("/password-reset\\?token=([A-Za-z0-9_-]+)");

	private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

	/** One registered, confirmed customer. */
	public record Customer(String id, String userId, String email) {
	}

	/** A customer made directly with a user ID and a password: no e-mail address, no registration mail. */
	public record PasswordCustomer(CustomerId id, String userId) {
	}

	private final Path home;

	private final int port;

	private final TestHttp http;

	private final CustomerAccounts accounts;

	AccountFixture(Path home, int port, TestHttp http, CustomerAccounts accounts) {
		this.home = home;
		this.port = port;
		this.http = http;
		this.accounts = accounts;
	}

	/** A customer registered through the API and confirmed with the mailed code, named 山田. */
	public Customer aConfirmedCustomer(String prefix) {
		return aConfirmedCustomer(prefix, "山田", "ヤマダ");
	}

	/** A customer registered through the API with this family name and confirmed with the mailed code. */
	public Customer aConfirmedCustomer(String prefix, String familyName, String familyNameKana) {
		String unique = UUID.randomUUID().toString().substring(0, 8);
		String userId = prefix + unique;
		String email = prefix + unique + "@example.jp";
		String id = registering().registerAndConfirm(Registering.request(userId, email, familyName, familyNameKana));
		return new Customer(id, userId, email);
	}

	/** A customer who signs in with a user ID made from {@code prefix} and this password. */
	public PasswordCustomer aCustomerWithPassword(String prefix, String password) {
		String userId = prefix + UUID.randomUUID().toString().substring(0, 8);
		return new PasswordCustomer(this.accounts.create(userId, password), userId);
	}

	public Registering registering() {
		return new Registering(client(), this.http);
	}

	/** A client that has fetched its CSRF token, as a page does before its first unsafe request. */
	public CustomerClient client() {
		return aBrowser().withCsrfToken();
	}

	/** @return the answer to a request for the customer's session that sends only {@code cookieHeader} */
	public HttpResponse<String> sessionWithCookie(String cookieHeader) {
		return aBrowser().send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("https://localhost:" + this.port + "/api/v1/customer/session"))
			.header("Cookie", cookieHeader)
			.GET());
	}

	/** A client with no cookies and no CSRF token yet. */
	public CustomerClient aBrowser() {
		return new CustomerClient(this.home, this.port);
	}

	/** @return a client signed in with the password, from a fresh address */
	public CustomerClient signedIn(String userId, String password) {
		return signedIn(userId, password, CustomerSessionHttpTests.address());
	}

	/** @return a client signed in with the password from {@code address}, with the token of its new session */
	public CustomerClient signedIn(String userId, String password, String address) {
		CustomerClient client = client();
		HttpResponse<String> response = client.signIn(userId, password, address);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return client.withCsrfToken();
	}

	public HttpResponse<String> requestReset(String login, String language) {
		return client().postJson(PasswordResetController.PATH, Map.of("login", login), "X-Forwarded-For",
				CustomerSessionHttpTests.address(), "Accept-Language", language);
	}

	public HttpResponse<String> completeReset(String token, String newPassword) {
		return client().postJson(PasswordResetController.COMPLETION_PATH,
				Map.of("token", token, "newPassword", newPassword), "X-Forwarded-For", CustomerSessionHttpTests.address());
	}

	/** The mails to {@code address} whose subject contains {@code subject}, newest first. */
	public List<Map<?, ?>> mails(String address, String subject) {
		return registering().mails(address)
			.stream()
			.filter((mail) -> String.valueOf(mail.get("subject")).contains(subject))
			.toList();
	}

	/** The token in the newest reset mail to {@code address}. */
	public String resetToken(String address) {
		List<Map<?, ?>> mails = registering().mails(address)
			.stream()
			.filter((mail) -> TOKEN.matcher(String.valueOf(mail.get("text"))).find())
			.toList();
		assertThat(mails).as("a reset mail").isNotEmpty();
		Matcher matcher = TOKEN.matcher((String) mails.get(0).get("text"));
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	/** The 6-digit code in the newest mail to {@code address} whose subject contains {@code subject}. */
	public String code(String address, String subject) {
		List<Map<?, ?>> mails = mails(address, subject);
		assertThat(mails).as("a mail with a code").isNotEmpty();
		Matcher matcher = CODE.matcher((String) mails.get(0).get("text"));
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

	/** @return a client signed in with an e-mail code sent to {@code email} */
	public CustomerClient signedInByCode(String email) {
		HttpResponse<String> asked = client().postJson(EmailCodeController.PATH, Map.of("identifier", email),
				"X-Forwarded-For", CustomerSessionHttpTests.address());
		assertThat(asked.statusCode()).isEqualTo(202);
		CustomerClient client = client();
		HttpResponse<String> verified = client.postJson(EmailCodeController.VERIFICATION_PATH,
				Map.of("identifier", email, "code", code(email, "sign-in code")), "X-Forwarded-For",
				CustomerSessionHttpTests.address());
		assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
		return client.withCsrfToken();
	}

	public static Map<?, ?> body(HttpResponse<String> response) {
		return CustomerClient.json.readValue(response.body(), Map.class);
	}

}
