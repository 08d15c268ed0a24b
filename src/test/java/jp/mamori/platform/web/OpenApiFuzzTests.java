package jp.mamori.platform.web;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import jp.mamori.identity.CustomerAccounts;
import jp.mamori.testing.MamoriTest;
import jp.mamori.testing.MutableClock;
import jp.mamori.testing.TemporaryHome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariant 6 for every operation the API describes, including those added later: the test reads
 * {@code /api/v1/openapi.json} from the running Mamori and sends each operation, anonymous and signed
 * in (as a customer, and as staff under the staff API), every kind of bad value in every body
 * property and every path and query parameter, and bodies that are broken as a whole. Any 5xx fails.
 * 4xx answers of every kind (400, 401, 403, 404, 413, 415, 429) are fine: the input was refused.
 */
@MamoriTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "mamori.web.trusted-proxies=127.0.0.1/32,::1/128",
		"mamori.identity.bot-check.max-number=500",
		// A context of its own, so that no other test has made the first staff account before it starts.
		"mamori.test.context=openapi-fuzz" })
class OpenApiFuzzTests {

	private static final String STAFF_API = "/api/v1/staff/";

	private static final String PASSWORD = "夜明けの港に汽笛がひびく 2026";

	private static final Pattern SETUP_TOKEN = Pattern.compile("one-time token:\\s+([A-Z2-7]{20,})");

	/** Control characters no single-line field has a use for: NUL, BEL, ESC, NEL and the last C1. */
	static final List<String> CONTROLS = List.of("\u0000", "\u0007", "\u001b", "\u0085", "\u009f");

	@Autowired
	Environment environment;

	@Autowired
	CustomerAccounts customers;

	@Autowired
	MutableClock clock;

	private final Set<String> failures = new ConcurrentSkipListSet<>();

	private final ExecutorService executor = Executors.newFixedThreadPool(3);

	private final Random random = new Random(12);

	private List<String> hostile;

	private final AtomicInteger requests = new AtomicInteger();

	@Test
	void noOperationAnswersAServerErrorToBadInput(CapturedOutput output) throws IOException {
		long started = System.nanoTime();
		this.hostile = AttackPayloadTests.payloads();
		FuzzClient anonymous = client("/api/v1/customer/csrf");
		FuzzClient anonymousStaff = client("/api/v1/staff/csrf");
		JsonNode description = FuzzClient.json.readTree(anonymous.send("GET", OpenApiConfiguration.PATH, null, null).body());
		Matcher token = SETUP_TOKEN.matcher(output.getErr());
		assertThat(token.find()).as("the first administrator's setup token printed at start").isTrue();
		FuzzClient staff = client("/api/v1/staff/csrf");
		String secret = FuzzClient.setUpFirstAdministrator(staff, token.group(1), "fuzz-admin", PASSWORD, this.clock);
		FuzzClient customer = null;
		int operations = 0;
		int signedInCustomer = 0;
		int signedInStaff = 0;
		java.util.TreeMap<Long, String> slowest = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
		for (Map.Entry<String, JsonNode> path : description.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				Operation op = new Operation(operation.getKey().toUpperCase(), path.getKey(), operation.getValue(),
						description);
				operations++;
				FuzzClient nobody = op.path().startsWith(STAFF_API) ? anonymousStaff : anonymous;
				nobody.refreshCsrf();
				List<Callable<Void>> batches = new ArrayList<>();
				batches.add(fuzz(op, "anonymous", nobody));
				if (customer == null || !customer.signedIn("/api/v1/customer/session")) {
					customer = newCustomer();
				}
				batches.add(fuzz(op, "customer", customer));
				signedInCustomer++;
				if (op.path().startsWith(STAFF_API)) {
					if (!staff.signedIn("/api/v1/staff/session")) {
						staff = client("/api/v1/staff/csrf");
						staff.signInAsStaff("fuzz-admin", PASSWORD, secret, this.clock);
					}
					batches.add(fuzz(op, "staff", staff));
					signedInStaff++;
				}
				long begun = System.nanoTime();
				run(op, batches);
				slowest.put((System.nanoTime() - begun) / 1_000_000L, op.method() + " " + op.path());
			}
		}
		this.executor.shutdown();
		long seconds = (System.nanoTime() - started) / 1_000_000_000L;
		System.out.printf("OpenAPI fuzz: %d operations (%d as customer, %d as staff), %d requests, %d s%n", operations,
				signedInCustomer, signedInStaff, this.requests.get(), seconds);
		slowest.entrySet().stream().limit(8).forEach((e) -> System.out.printf("  %6d ms  %s%n", e.getKey(), e.getValue()));
		assertThat(operations).as("operations described").isGreaterThan(30);
		assertThat(signedInStaff).as("staff operations walked signed in").isGreaterThan(5);
		assertThat(this.failures).as("operations that answered bad input with a server error").isEmpty();
	}

	private FuzzClient client(String csrfPath) {
		return new FuzzClient(Path.of(this.environment.getRequiredProperty(TemporaryHome.PROPERTY)),
				this.environment.getRequiredProperty("local.server.port", Integer.class), csrfPath)
			.refreshCsrf();
	}

	/** A new account each time: a fuzzed sign-out, password change or lockout may have ended the last. */
	private FuzzClient newCustomer() {
		String userId = "fuzz-" + UUID.randomUUID().toString().substring(0, 13);
		this.customers.create(userId, PASSWORD);
		FuzzClient client = client("/api/v1/customer/csrf");
		client.signInAsCustomer(userId, PASSWORD);
		return client;
	}

	/** @return a batch that sends every bad request of one operation as one caller */
	private Callable<Void> fuzz(Operation op, String who, FuzzClient client) {
		List<Callable<Void>> requests = new ArrayList<>();
		Map<String, Object> body = op.baselineBody();
		for (String property : op.bodyProperties()) {
			for (Map.Entry<String, Object> value : badJsonValues().entrySet()) {
				Map<String, Object> changed = new LinkedHashMap<>(body);
				if (value.getKey().equals("missing")) {
					changed.remove(property);
				}
				else {
					changed.put(property, value.getValue());
				}
				String text = FuzzClient.json.writeValueAsString(changed);
				requests.add(() -> check(op, who, "body." + property, value.getKey(),
						client.send(op.method(), op.uri(Map.of()), "application/json", text)));
			}
		}
		for (String parameter : op.parameters()) {
			for (Map.Entry<String, String> value : badTextValues().entrySet()) {
				requests.add(() -> check(op, who, parameter, value.getKey(), client.send(op.method(),
						op.uri(Map.of(parameter, value.getValue())), op.contentType(), op.bodyText(body))));
			}
		}
		String uri = op.uri(Map.of());
		Map<String, String[]> whole = new LinkedHashMap<>();
		whole.put("malformed JSON", new String[] { "application/json", "{\"a\": [1, " });
		whole.put("empty", new String[] { "application/json", "" });
		whole.put("JSON control escapes", new String[] { "application/json", "{\"\\u0000\": \"\\u0000\\ud800\"}" });
		whole.put("wrong content type", new String[] { "text/plain", FuzzClient.json.writeValueAsString(body) });
		whole.put("form instead of JSON", new String[] { "application/x-www-form-urlencoded", "a=%00&b=%C2%85" });
		whole.forEach((kind, request) -> requests
			.add(() -> check(op, who, "body", kind, client.send(op.method(), uri, request[0], request[1]))));
		return () -> {
			for (Callable<Void> request : requests) {
				request.call();
			}
			return null;
		};
	}

	/**
	 * Run the callers' batches side by side. Within one caller the requests go one after another: a
	 * session is one browser, and parallel requests in one session are not what this test is about.
	 */
	private void run(Operation op, List<Callable<Void>> batches) {
		try {
			for (Future<Void> done : this.executor.invokeAll(batches)) {
				done.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new AssertionError(op.method() + " " + op.path() + " could not be sent", ex.getCause());
		}
	}

	/** Bad values for a JSON property, by the name of their kind. */
	private Map<String, Object> badJsonValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("missing", null);
		values.put("null", null);
		values.put("number", 12345);
		values.put("array", List.of(1, "a"));
		values.put("object", Map.of("a", "b"));
		values.put("boolean", true);
		values.put("over-long", "x".repeat(100_000));
		for (String control : CONTROLS) {
			values.put(String.format("control U+%04X", (int) control.charAt(0)), "ab" + control + "cd");
		}
		values.put("lone surrogate", "ab\ud800cd");
		for (int i = 0; i < 3; i++) {
			values.put("hostile #" + i, this.hostile.get(this.random.nextInt(this.hostile.size())));
		}
		return values;
	}

	/** Bad values for a path or query parameter, percent-encoded, by the name of their kind. */
	private Map<String, String> badTextValues() {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("missing", "");
		values.put("number", "12345");
		values.put("boolean", "true");
		// Long, yet within the 8 KB the container allows a request line, so that the endpoint gets it.
		values.put("over-long", "x".repeat(6_000));
		values.put("control U+0000", "ab%00cd");
		values.put("control U+0007", "ab%07cd");
		values.put("control U+001B", "ab%1Bcd");
		values.put("control U+0085", "ab%C2%85cd");
		values.put("control U+009F", "ab%C2%9Fcd");
		values.put("invalid UTF-8", "ab%C0%80%FFcd");
		for (int i = 0; i < 2; i++) {
			String line = this.hostile.get(this.random.nextInt(this.hostile.size()));
			values.put("hostile #" + i, URLEncoder.encode(line, StandardCharsets.UTF_8).replace("+", "%20"));
		}
		return values;
	}

	private Void check(Operation op, String who, String field, String kind, HttpResponse<String> response) {
		this.requests.incrementAndGet();
		String type = (response.statusCode() == 400)
				? response.body().replaceAll("(?s).*urn:mamori:problem:([a-z-]+).*", "$1") : "";
		if (response.statusCode() == 400 && field.startsWith("body.") && type.equals("unknown-field")) {
			// A property the description names is unknown to the endpoint: the description lies, and the
			// endpoint's real fields go unfuzzed.
			this.failures.add(op.method() + " " + op.path() + ": the described " + field + " is unknown to the endpoint");
		}
		if (response.statusCode() >= 500) {
			this.failures.add(op.method() + " " + op.path() + " as " + who + ": " + field + " = " + kind + " -> "
					+ response.statusCode());
		}
		return null;
	}

	/** One operation of the description and what it takes. */
	record Operation(String method, String path, JsonNode spec, JsonNode description) {

		List<String> parameters() {
			List<String> names = new ArrayList<>();
			spec().path("parameters").forEach((p) -> {
				String in = p.path("in").asString();
				if (in.equals("path") || in.equals("query")) {
					names.add(in + "." + p.path("name").asString());
				}
			});
			return names;
		}

		JsonNode bodySchema() {
			return resolve(spec().path("requestBody").path("content").path("application/json").path("schema"));
		}

		private JsonNode resolve(JsonNode schema) {
			String ref = schema.path("$ref").asString("");
			return ref.startsWith("#/") ? description().at(ref.substring(1)) : schema;
		}

		List<String> bodyProperties() {
			return new ArrayList<>(bodySchema().path("properties").propertyNames());
		}

		boolean hasBody() {
			return !spec().path("requestBody").isMissingNode();
		}

		String contentType() {
			return hasBody() ? "application/json" : null;
		}

		String bodyText(Map<String, Object> body) {
			return hasBody() ? FuzzClient.json.writeValueAsString(body) : null;
		}

		/** A body whose every property holds a plausible value of its type. */
		Map<String, Object> baselineBody() {
			Map<String, Object> body = new LinkedHashMap<>();
			bodySchema().path("properties").properties().forEach((p) -> body.put(p.getKey(), sample(resolve(p.getValue()))));
			return body;
		}

		private static Object sample(JsonNode schema) {
			if (schema.has("enum")) {
				return schema.path("enum").get(0).asString();
			}
			return switch (schema.path("type").asString("object")) {
				case "string" -> switch (schema.path("format").asString("")) {
					case "uuid" -> UUID.randomUUID().toString();
					case "email" -> "fuzz@example.com";
					default -> "fuzz";
				};
				case "integer", "number" -> 1;
				case "boolean" -> false;
				case "array" -> List.of();
				default -> Map.of();
			};
		}

		/** The path with its parameters filled in (one replaced by {@code override}), and the query. */
		String uri(Map<String, String> override) {
			String uri = path();
			StringBuilder query = new StringBuilder();
			for (JsonNode p : spec().path("parameters")) {
				String in = p.path("in").asString();
				String name = p.path("name").asString();
				String value = override.getOrDefault(in + "." + name,
						p.path("schema").path("format").asString("").equals("uuid") ? UUID.randomUUID().toString()
								: "fuzz");
				if (in.equals("path")) {
					uri = uri.replace("{" + name + "}", value);
				}
				else if (in.equals("query")) {
					query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(value);
				}
			}
			return uri + query;
		}

	}

}
