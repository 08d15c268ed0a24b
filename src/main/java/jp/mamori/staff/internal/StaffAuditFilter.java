package jp.mamori.staff.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import jp.mamori.audit.Actor;
import jp.mamori.audit.OperationLog;
import jp.mamori.staff.CurrentStaff;
import jp.mamori.staff.StaffId;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Writes every staff action and every staff sign-in step to the operation log: endpoint, permission,
 * outcome and staff ID. The one place that does so for the staff paths.
 *
 * <p>Security decision: the request runs in one transaction with its log entry, and the response
 * leaves the server only after both are committed. An action whose entry cannot be written is rolled
 * back, and no caller learns of an action that the log does not hold (invariant 3).
 */
public final class StaffAuditFilter extends OncePerRequestFilter {

	/** Request attribute: the log action, e.g. {@code staff.action}, {@code staff.sign_in}; unset, nothing is logged. */
	public static final String ACTION = StaffAuditFilter.class.getName() + ".action";

	/** Request attribute: the endpoint, {@code METHOD /path/{pattern}}. */
	static final String ENDPOINT = StaffAuditFilter.class.getName() + ".endpoint";

	/** Request attribute: the permission the handler declared. */
	static final String PERMISSION = StaffAuditFilter.class.getName() + ".permission";

	/** Request attribute: the {@link StaffId} a sign-in step concerned, before anyone is signed in. */
	static final String STAFF = StaffAuditFilter.class.getName() + ".staff";

	/** Request attribute: why a sign-in step was refused. */
	static final String REASON = StaffAuditFilter.class.getName() + ".reason";

	private final OperationLog log;

	private final TransactionTemplate transactions;

	private final TransactionTemplate separately;

	StaffAuditFilter(OperationLog log, PlatformTransactionManager transactionManager) {
		Assert.notNull(log, "log cannot be null");
		Assert.notNull(transactionManager, "transactionManager cannot be null");
		this.log = log;
		this.transactions = new TransactionTemplate(transactionManager);
		this.separately = new TransactionTemplate(transactionManager);
		this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** Name the log action of a sign-in step, and the account it concerned if one is known. */
	public static void signInStep(HttpServletRequest request, String action, StaffId staff, String reason) {
		request.setAttribute(ACTION, action);
		if (staff != null) {
			request.setAttribute(STAFF, staff);
		}
		if (reason != null) {
			request.setAttribute(REASON, reason);
		}
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
		try {
			this.transactions.executeWithoutResult((status) -> {
				try {
					chain.doFilter(request, held);
				}
				catch (IOException | ServletException ex) {
					throw new Escaped(ex);
				}
				if (status.isRollbackOnly()) {
					// A step failed and was answered with a problem: its changes roll back, quietly, and the
					// refusal is logged on its own.
					status.setRollbackOnly();
					this.separately.executeWithoutResult((alone) -> record(request, held.getStatus()));
				}
				else {
					record(request, held.getStatus());
				}
			});
		}
		catch (Escaped ex) {
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw (ServletException) ex.getCause();
		}
		held.copyBodyToResponse();
	}

	private void record(HttpServletRequest request, int status) {
		if (!(request.getAttribute(ACTION) instanceof String action)) {
			return;
		}
		StaffId staff = CurrentStaff.id()
			.orElse((request.getAttribute(STAFF) instanceof StaffId concerned) ? concerned : null);
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("endpoint", String.valueOf(request.getAttribute(ENDPOINT)));
		if (request.getAttribute(PERMISSION) instanceof String permission) {
			details.put("permission", permission);
		}
		details.put("outcome", (status < 400) ? "succeeded" : (status == 401 || status == 403) ? "denied" : "failed");
		details.put("status", status);
		if (staff != null) {
			details.put("staff_id", staff.toString());
		}
		if (request.getAttribute(REASON) instanceof String reason) {
			details.put("reason", reason);
		}
		Actor actor = (staff != null) ? Actor.staff(staff.toString()) : Actor.system("anonymous");
		this.log.record(actor, action, (staff != null) ? staff.toString() : null, null, details);
	}

	private static final class Escaped extends RuntimeException {

		Escaped(Exception cause) {
			super(cause);
		}

	}

}
