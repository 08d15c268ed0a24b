package jp.mamori.identity.account;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import jp.mamori.identity.CustomerId;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.Assert;

/**
 * {@code mamori.command=force-password-reset}: Mamori starts without its web server, forces the reset
 * ({@code --all} or {@code --customers=uuid,...}, {@code --operator=name}), prints the result as JSON
 * and exits with 0, or 2 when the arguments are wrong. Used by {@code ./mamori force-password-reset}
 * when no running Mamori answers.
 */
final class ForcedPasswordResetCommand implements ApplicationRunner {

	static final String COMMAND = "force-password-reset";

	private final ForcedPasswordResets resets;

	private final JsonMapper json;

	private final ConfigurableApplicationContext context;

	private final PrintStream out;

	ForcedPasswordResetCommand(ForcedPasswordResets resets, JsonMapper json, ConfigurableApplicationContext context,
			PrintStream out) {
		Assert.notNull(resets, "resets cannot be null");
		Assert.notNull(json, "json cannot be null");
		Assert.notNull(context, "context cannot be null");
		Assert.notNull(out, "out cannot be null");
		this.resets = resets;
		this.json = json;
		this.context = context;
		this.out = out;
	}

	@Override
	public void run(ApplicationArguments args) {
		boolean all = args.containsOption("all");
		List<String> customers = args.getOptionValues("customers");
		List<String> operator = args.getOptionValues("operator");
		Object result;
		int code;
		if (all == (customers != null && !customers.isEmpty())) {
			result = Map.of("error", "give either --all or --customers <uuid,...>");
			code = 2;
		}
		else {
			Set<CustomerId> chosen = null;
			try {
				chosen = all ? null : ForcedPasswordResets.parse(String.join(",", customers));
			}
			catch (IllegalArgumentException ex) {
				code = 2;
			}
			if (all || chosen != null) {
				result = this.resets.force(chosen, (operator != null && !operator.isEmpty()) ? operator.get(0) : null);
				code = 0;
			}
			else {
				result = Map.of("error", "customers must be comma-separated UUIDs");
				code = 2;
			}
		}
		this.out.println(this.json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
		this.out.flush();
		int exit = code;
		System.exit(SpringApplication.exit(this.context, () -> exit));
	}

}
