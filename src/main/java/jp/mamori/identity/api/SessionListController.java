package jp.mamori.identity.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.ClientSource;
import jp.mamori.identity.session.ActiveSessions;
import jp.mamori.identity.session.SignInHistory;
import jp.mamori.platform.web.ClientAddressResolver;
import jp.mamori.platform.web.Problems;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.csrf.CsrfLogoutHandler;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in customer's sessions and sign-in history as a JSON API; the work is done by
 * {@link ActiveSessions} and {@link SignInHistory}.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class SessionListController {

	public static final String SESSIONS_PATH = "/api/v1/customer/sessions";

	public static final String HISTORY_PATH = "/api/v1/customer/sign-in-history";

	record SessionsResponse(List<ActiveSessions.ActiveSession> sessions) {
	}

	record HistoryResponse(List<SignInHistory.Entry> entries) {
	}

	private final ActiveSessions sessions;

	private final SignInHistory history;

	private final ClientAddressResolver addresses;

	private final Problems problems;

	private final CsrfTokenRepository csrfTokens;

	SessionListController(ActiveSessions sessions, SignInHistory history, ClientAddressResolver addresses,
			Problems problems, CsrfTokenRepository customerCsrfTokens) {
		Assert.notNull(sessions, "sessions cannot be null");
		Assert.notNull(history, "history cannot be null");
		Assert.notNull(addresses, "addresses cannot be null");
		Assert.notNull(problems, "problems cannot be null");
		Assert.notNull(customerCsrfTokens, "customerCsrfTokens cannot be null");
		this.sessions = sessions;
		this.history = history;
		this.addresses = addresses;
		this.problems = problems;
		this.csrfTokens = customerCsrfTokens;
	}

	@GetMapping(SESSIONS_PATH)
	SessionsResponse list(Authentication authentication, HttpServletRequest request) {
		return new SessionsResponse(this.sessions.list(account(authentication), request.getSession().getId()));
	}

	@DeleteMapping(SESSIONS_PATH + "/{handle}")
	ResponseEntity<Void> end(@PathVariable String handle, Authentication authentication, HttpServletRequest request,
			HttpServletResponse response) {
		return switch (this.sessions.end(account(authentication), handle, request.getSession().getId(),
				source(request))) {
			case ENDED -> ResponseEntity.noContent().build();
			case CURRENT -> {
				// Ending the session that asks is signing out.
				new SecurityContextLogoutHandler().logout(request, response, authentication);
				new CsrfLogoutHandler(this.csrfTokens).logout(request, response, authentication);
				yield ResponseEntity.noContent().build();
			}
			case NOT_FOUND -> {
				this.problems.write(request, response, HttpStatus.NOT_FOUND, "session-not-found");
				yield null;
			}
		};
	}

	/** Security decision: ending every session but this one must be asked for by name, never by accident. */
	@DeleteMapping(SESSIONS_PATH)
	ResponseEntity<Map<String, Integer>> endOthers(@RequestParam(required = false) String except,
			Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
		if (!"current".equals(except)) {
			this.problems.write(request, response, HttpStatus.BAD_REQUEST, "sessions-except-current");
			return null;
		}
		int ended = this.sessions.endOthers(account(authentication), request.getSession().getId(), source(request));
		return ResponseEntity.ok(Map.of("ended", ended));
	}

	@GetMapping(HISTORY_PATH)
	HistoryResponse history(Authentication authentication) {
		return new HistoryResponse(this.history.recent(account(authentication)));
	}

	private static CustomerId account(Authentication authentication) {
		return new CustomerId(UUID.fromString(authentication.getName()));
	}

	private ClientSource source(HttpServletRequest request) {
		return new ClientSource(this.addresses.resolve(request), request.getHeader("User-Agent"));
	}

}
