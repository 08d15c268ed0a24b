package jp.mamori.audit.internal;

import java.io.PrintStream;

import tools.jackson.databind.json.JsonMapper;

import jp.mamori.audit.LogIntegrity;
import jp.mamori.audit.Verification;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.Assert;

/**
 * {@code mamori.command=verify-log}: Mamori starts without its web server, brings the chain up to date
 * (as any start would), verifies it, prints the result as JSON and exits with 0 when it is intact and
 * 1 when it is not. Used by {@code ./mamori verify-log} when no running Mamori answers.
 */
final class VerifyLogCommand implements ApplicationRunner {

	static final String COMMAND = "verify-log";

	private final LogIntegrity integrity;

	private final JsonMapper json;

	private final ConfigurableApplicationContext context;

	private final PrintStream out;

	VerifyLogCommand(LogIntegrity integrity, JsonMapper json, ConfigurableApplicationContext context, PrintStream out) {
		Assert.notNull(integrity, "integrity cannot be null");
		Assert.notNull(json, "json cannot be null");
		Assert.notNull(context, "context cannot be null");
		Assert.notNull(out, "out cannot be null");
		this.integrity = integrity;
		this.json = json;
		this.context = context;
		this.out = out;
	}

	@Override
	public void run(ApplicationArguments args) {
		Verification result = verify();
		this.out.println(this.json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
		this.out.flush();
		int code = SpringApplication.exit(this.context, () -> result.intact() ? 0 : 1);
		System.exit(code);
	}

	Verification verify() {
		// Entries left unsealed by a stop without a final round would otherwise be reported as suspicious.
		try {
			this.integrity.seal();
		}
		catch (IllegalStateException ex) {
			// A forged head stops sealing; verification then names the problem.
		}
		return this.integrity.verify();
	}

}
