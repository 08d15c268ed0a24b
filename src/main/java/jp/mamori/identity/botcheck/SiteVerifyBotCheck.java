package jp.mamori.identity.botcheck;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jp.mamori.identity.credentials.ClientSource;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * reCAPTCHA or Turnstile: both answer the same "siteverify" request (the secret, the widget's token and
 * the client's address, as a form) with {@code {"success": true|false, ...}}.
 *
 * <p>Security decision: it fails closed. When the service cannot be reached or answers anything but a
 * success, the token is refused; an outage of the provider turns registration off rather than opening
 * it to scripts.
 *
 * <p>Security decision: a success alone is not enough. The answer must name the configured hostname
 * (a token solved on another page that uses the same keys, such as a solving service's, is refused), the
 * action, when the provider reports one, must be Mamori's (reCAPTCHA v3 always reports one and must
 * name it), and a reCAPTCHA v3 score below {@code min-score} is refused. Refusals are logged by reason
 * only, never with the token.
 */
final class SiteVerifyBotCheck implements BotCheck {

	private static final Log logger = LogFactory.getLog(SiteVerifyBotCheck.class);

	private static final int MAX_TOKEN_LENGTH = 4096;

	private final String provider;

	private final URI verifyUrl;

	private final String secret;

	private final HttpClient client;

	private final String hostname;

	private final String action;

	private final double minScore;

	private final JsonMapper json = JsonMapper.builder().build();

	SiteVerifyBotCheck(BotCheckProperties settings, HttpClient client) {
		Assert.notNull(settings, "settings cannot be null");
		Assert.notNull(client, "client cannot be null");
		this.provider = settings.provider();
		this.verifyUrl = URI.create(settings.effectiveVerifyUrl());
		this.secret = settings.secret();
		this.client = client;
		this.hostname = settings.hostname();
		this.action = settings.action();
		this.minScore = settings.minScore();
	}

	@Override
	public String provider() {
		return this.provider;
	}

	@Override
	public String formField() {
		return this.provider.equals("recaptcha") ? "g-recaptcha-response" : "cf-turnstile-response";
	}

	@Override
	public boolean verify(String solution, ClientSource source) {
		if (solution == null || solution.isBlank() || solution.length() > MAX_TOKEN_LENGTH) {
			return false;
		}
		String form = "secret=" + encode(this.secret) + "&response=" + encode(solution) + "&remoteip="
				+ encode(source.addressText());
		HttpRequest request = HttpRequest.newBuilder(this.verifyUrl)
			.timeout(Duration.ofSeconds(5))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		try {
			HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				logger.warn("The " + this.provider + " verification service answered " + response.statusCode());
				return false;
			}
			return accepted(this.json.readTree(response.body()));
		}
		catch (IOException | JacksonException ex) {
			logger.warn("The " + this.provider + " verification service could not be used: " + ex.getClass().getSimpleName());
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** @return whether a parsed answer is a success for our host, our action and, if scored, a person */
	boolean accepted(JsonNode answer) {
		if (!answer.path("success").asBoolean(false)) {
			return false;
		}
		if (!this.hostname.equalsIgnoreCase(answer.path("hostname").asString(""))) {
			logger.info("A " + this.provider + " token for another hostname was refused");
			return false;
		}
		JsonNode score = answer.path("score");
		String reported = answer.path("action").asString("");
		if (score.isNumber() ? !this.action.equals(reported) : !(reported.isEmpty() || this.action.equals(reported))) {
			logger.info("A " + this.provider + " token for another action was refused");
			return false;
		}
		if (score.isNumber() && score.asDouble() < this.minScore) {
			logger.info("A " + this.provider + " token scored below the minimum was refused");
			return false;
		}
		return true;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
