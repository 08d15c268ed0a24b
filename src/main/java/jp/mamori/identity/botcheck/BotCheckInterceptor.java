package jp.mamori.identity.botcheck;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.credentials.SignInAnswers;
import jp.mamori.identity.credentials.SourceThrottle;
import jp.mamori.platform.web.ClientAddressResolver;
import jp.mamori.platform.web.Problems;

import org.springframework.util.Assert;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Runs the bot check for handlers marked {@link BotChecked}, before the handler reads the body. A
 * missing or bad solution is answered {@code 400 bot-check-failed}; the handler never runs. Handlers
 * marked {@link BotChecked.When#IN_THE_SIGN_IN} check it themselves.
 */
final class BotCheckInterceptor implements HandlerInterceptor {

	private final BotCheckRequirement botCheck;

	private final SourceThrottle throttle;

	private final ClientAddressResolver addresses;

	private final Problems problems;

	BotCheckInterceptor(BotCheckRequirement botCheck, SourceThrottle throttle, ClientAddressResolver addresses,
			Problems problems) {
		Assert.notNull(botCheck, "botCheck cannot be null");
		Assert.notNull(throttle, "throttle cannot be null");
		Assert.notNull(addresses, "addresses cannot be null");
		Assert.notNull(problems, "problems cannot be null");
		this.botCheck = botCheck;
		this.throttle = throttle;
		this.addresses = addresses;
		this.problems = problems;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		BotChecked checked = method.getMethodAnnotation(BotChecked.class);
		if (checked == null || checked.value() == BotChecked.When.IN_THE_SIGN_IN) {
			return true;
		}
		ClientSource source = new ClientSource(this.addresses.resolve(request), request.getHeader("User-Agent"));
		boolean passes = (checked.value() == BotChecked.When.ALWAYS) ? this.botCheck.solved(request, source)
				: this.botCheck.passes(request, source, this.throttle.recentFailures(source));
		if (passes) {
			return true;
		}
		SignInAnswers.botCheckFailed(this.problems, request, response);
		return false;
	}

}
