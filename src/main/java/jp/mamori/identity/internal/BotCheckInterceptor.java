package jp.mamori.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import jp.mamori.platform.web.ClientAddressResolver;
import jp.mamori.platform.web.Problems;

import org.springframework.http.HttpStatus;
import org.springframework.util.Assert;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Runs the bot check for handlers marked {@link BotChecked}, before the handler reads the body. A
 * missing or bad solution is answered {@code 400 bot-check-failed}; the handler never runs.
 */
final class BotCheckInterceptor implements HandlerInterceptor {

	private final BotCheck botCheck;

	private final SourceThrottle throttle;

	private final ClientAddressResolver addresses;

	private final Problems problems;

	private final int freeSignInFailures;

	BotCheckInterceptor(BotCheck botCheck, SourceThrottle throttle, ClientAddressResolver addresses,
			Problems problems, int freeSignInFailures) {
		Assert.notNull(botCheck, "botCheck cannot be null");
		Assert.notNull(throttle, "throttle cannot be null");
		Assert.notNull(addresses, "addresses cannot be null");
		Assert.notNull(problems, "problems cannot be null");
		this.botCheck = botCheck;
		this.throttle = throttle;
		this.addresses = addresses;
		this.problems = problems;
		this.freeSignInFailures = freeSignInFailures;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		BotChecked checked = method.getMethodAnnotation(BotChecked.class);
		if (checked == null) {
			return true;
		}
		ClientSource source = new ClientSource(this.addresses.resolve(request), request.getHeader("User-Agent"));
		if (checked.value() == BotChecked.When.AFTER_SIGN_IN_FAILURES
				&& this.throttle.recentFailures(source) < this.freeSignInFailures) {
			return true;
		}
		if (this.botCheck.verify(this.botCheck.solutionIn(request), source)) {
			return true;
		}
		response.setHeader("Cache-Control", "no-store");
		this.problems.write(request, response, HttpStatus.BAD_REQUEST, "bot-check-failed");
		return false;
	}

}
