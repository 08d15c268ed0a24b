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
 */
final class SiteVerifyBotCheck implements BotCheck {

	private static final Log logger = LogFactory.getLog(SiteVerifyBotCheck.class);

	private static final int MAX_TOKEN_LENGTH = 4096;

	private final String provider;

	private final URI verifyUrl;

	private final String secret;

	private final HttpClient client;

	private final JsonMapper json = JsonMapper.builder().build();

	SiteVerifyBotCheck(BotCheckProperties settings, HttpClient client) {
		Assert.notNull(settings, "settings cannot be null");
		Assert.notNull(client, "client cannot be null");
		this.provider = settings.provider();
		this.verifyUrl = URI.create(settings.effectiveVerifyUrl());
		this.secret = settings.secret();
		this.client = client;
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
			return this.json.readTree(response.body()).path("success").asBoolean(false);
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

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
