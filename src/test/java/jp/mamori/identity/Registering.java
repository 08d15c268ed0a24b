package jp.mamori.identity;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jp.mamori.identity.api.RegistrationController;
import jp.mamori.testing.TestHttp;

import static org.assertj.core.api.Assertions.assertThat;

/** Registers customers through the public API and reads their codes from the dev mailbox. */
public final class Registering {

	public static final String PASSWORD = "しずかな森の朝に鳥がうたう 2026";

	private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

	private final CustomerClient client;

	private final TestHttp http;

	public Registering(CustomerClient client, TestHttp http) {
		this.client = client;
		this.http = http;
	}

	public static Map<String, Object> request(String userId, String email, String family, String familyKana) {
		Map<String, Object> body = new HashMap<>();
		body.put("userId", userId);
		body.put("password", PASSWORD);
		body.put("familyName", family);
		body.put("givenName", "花子");
		body.put("familyNameKana", familyKana);
		body.put("givenNameKana", "ハナコ");
		body.put("email", email);
		body.put("household", "COUPLE_WITH_CHILDREN");
		return body;
	}

	/** @return the registration's identifier */
	public String start(Map<String, Object> request) {
		HttpResponse<String> response = this.client.postJson(RegistrationController.PATH, request);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return (String) CustomerClient.json.readValue(response.body(), Map.class).get("registrationId");
	}

	public HttpResponse<String> confirm(String registrationId, String code) {
		return this.client.postJson(RegistrationController.PATH + "/" + registrationId + "/confirmation",
				Map.of("code", code));
	}

	/** The mails sent to {@code address}, newest first. */
	public List<Map<?, ?>> mails(String address) {
		HttpResponse<String> response = this.http
			.get("/dev/mailbox/messages?to=" + URLEncoder.encode(address, StandardCharsets.UTF_8));
		assertThat(response.statusCode()).isEqualTo(200);
		return List.of(CustomerClient.json.readValue(response.body(), Map[].class));
	}

	public String code(String address) {
		String text = (String) mails(address).get(0).get("text");
		Matcher matcher = CODE.matcher(text);
		assertThat(matcher.find()).as("a code in the mail").isTrue();
		return matcher.group(1);
	}

	/** Register, confirm with the mailed code, and return the new customer's identifier. */
	public String registerAndConfirm(Map<String, Object> request) {
		String id = start(request);
		HttpResponse<String> confirmed = confirm(id, code((String) request.get("email")));
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(201);
		return (String) CustomerClient.json.readValue(confirmed.body(), Map.class).get("customerId");
	}

}
