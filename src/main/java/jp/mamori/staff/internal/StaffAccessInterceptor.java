package jp.mamori.staff.internal;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import jp.mamori.platform.web.Problems;
import jp.mamori.staff.CurrentStaff;
import jp.mamori.staff.StaffId;
import jp.mamori.staff.StaffPermission;

import org.springframework.http.HttpStatus;
import org.springframework.util.Assert;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Default deny for the staff paths: a handler runs only if it declares the permission it needs
 * ({@link StaffPermission}) and the signed-in member holds it now, or if it is a step of signing in
 * ({@link StaffSignInStep}). Anything else under the staff paths, a handler without a declaration or
 * a path without a handler, is refused with 403, to administrators too.
 *
 * <p>It also names, for {@link StaffAuditFilter}, the endpoint and permission of every staff action.
 */
public final class StaffAccessInterceptor implements HandlerInterceptor {

	private final StaffAccounts accounts;

	private final Problems problems;

	StaffAccessInterceptor(StaffAccounts accounts, Problems problems) {
		Assert.notNull(accounts, "accounts cannot be null");
		Assert.notNull(problems, "problems cannot be null");
		this.accounts = accounts;
		this.problems = problems;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		request.setAttribute(StaffAuditFilter.ENDPOINT,
				request.getMethod() + " " + ((pattern != null) ? pattern : request.getRequestURI()));
		HandlerMethod method = (handler instanceof HandlerMethod each) ? each : null;
		if (method != null && method.hasMethodAnnotation(StaffSignInStep.class)) {
			return true;
		}
		StaffPermission declared = (method != null) ? method.getMethodAnnotation(StaffPermission.class) : null;
		request.setAttribute(StaffAuditFilter.ACTION, "staff.action");
		if (declared == null) {
			request.setAttribute(StaffAuditFilter.PERMISSION, "(undeclared)");
			this.problems.write(request, response, HttpStatus.FORBIDDEN, "forbidden");
			return false;
		}
		request.setAttribute(StaffAuditFilter.PERMISSION, declared.value().name());
		Optional<StaffId> staff = CurrentStaff.id();
		if (staff.isEmpty()) {
			this.problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthorized");
			return false;
		}
		if (!this.accounts.permissions(staff.get()).contains(declared.value())) {
			this.problems.write(request, response, HttpStatus.FORBIDDEN, "staff-permission-missing");
			return false;
		}
		return true;
	}

}
