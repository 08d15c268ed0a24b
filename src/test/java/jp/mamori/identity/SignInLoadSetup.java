package jp.mamori.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jp.mamori.identity.api.CustomerApiSecurity;
import jp.mamori.testing.TestHttp;

/**
 * Prepares the sign-in load benchmark ({@code bench/sign-in-load}) against a running Mamori with the dev
 * mailbox: registers customers through the public API exactly as a person would (bot check, mailed
 * code) and writes a Lua file for {@code wrk} with their user IDs, the password and one CSRF token.
 * Not a test.
 *
 * <p>usage: {@code SignInLoadSetup HOME PORT CUSTOMERS OUTPUT.lua}
 */
public final class SignInLoadSetup {

	private SignInLoadSetup() {
	}

	public static void main(String[] args) throws IOException {
		Path home = Path.of(args[0]);
		int port = Integer.parseInt(args[1]);
		int customers = Integer.parseInt(args[2]);
		Path output = Path.of(args[3]);
		CustomerClient client = new CustomerClient(home, port).withCsrfToken();
		Registering registering = new Registering(client, new TestHttp(home, port));
		List<String> userIds = new ArrayList<>();
		for (int i = 0; i < customers; i++) {
			String userId = "load" + i;
			registering.registerAndConfirm(Registering.request(userId, "load" + i + "@example.jp", "負荷", "フカ"));
			userIds.add(userId);
		}
		// A fresh client's token: the cookie and the header that goes with it, valid for any number of requests.
		CustomerClient signer = new CustomerClient(home, port).withCsrfToken();
		Map<?, ?> csrf = CustomerClient.json.readValue(signer.get(CustomerApiSecurity.CSRF_PATH).body(), Map.class);
		String cookie = signer.cookie("__Host-XSRF-TOKEN").orElseThrow();
		StringBuilder lua = new StringBuilder();
		lua.append("-- Written by SignInLoadSetup: ").append(customers).append(" customers of the running Mamori.\n");
		lua.append("users = {");
		userIds.forEach((id) -> lua.append('"').append(id).append("\","));
		lua.append("}\n");
		lua.append("password = \"").append(Registering.PASSWORD).append("\"\n");
		lua.append("csrf_cookie = \"__Host-XSRF-TOKEN=").append(cookie).append("\"\n");
		lua.append("csrf_header = \"").append(csrf.get("headerName")).append("\"\n");
		lua.append("csrf_token = \"").append(csrf.get("token")).append("\"\n");
		Files.writeString(output, lua, StandardCharsets.UTF_8);
		System.out.println("registered " + customers + " customers; wrote " + output);
	}

}
