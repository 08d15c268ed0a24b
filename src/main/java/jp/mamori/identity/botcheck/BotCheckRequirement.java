package jp.mamori.identity.botcheck;

import jp.mamori.identity.credentials.ClientSource;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.util.Assert;

/**
 * When a request needs a solved bot check: always, or for a sign-in once its address has failed
 * {@code mamori.identity.bot-check.free-sign-in-failures} times (counted whether the accounts existed or
 * not, so the requirement tells nothing about accounts). The solution comes in the {@link BotCheck#HEADER}
 * header or the provider's form field.
 */
public final class BotCheckRequirement {

	private final BotCheck botCheck;

	private final int freeSignInFailures;

	BotCheckRequirement(BotCheck botCheck, int freeSignInFailures) {
		Assert.notNull(botCheck, "botCheck cannot be null");
		Assert.isTrue(freeSignInFailures >= 0, "freeSignInFailures cannot be negative");
		this.botCheck = botCheck;
		this.freeSignInFailures = freeSignInFailures;
	}

	/** @return whether the request carries a solution the bot check accepts (and has now spent) */
	boolean solved(HttpServletRequest request, ClientSource source) {
		return this.botCheck.verify(this.botCheck.solutionIn(request), source);
	}

	/**
	 * @param recentFailures the failed sign-ins counted against the source's address
	 * @return whether a sign-in may go on: without a solution below the free failures, otherwise only
	 * with one that is accepted
	 */
	public boolean passes(HttpServletRequest request, ClientSource source, int recentFailures) {
		return recentFailures < this.freeSignInFailures || solved(request, source);
	}

}
