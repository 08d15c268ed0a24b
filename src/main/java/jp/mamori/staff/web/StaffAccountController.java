package jp.mamori.staff.web;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import jp.mamori.audit.LogIntegrity;
import jp.mamori.audit.Verification;
import jp.mamori.identity.InvalidUserIdException;
import jp.mamori.platform.web.Problems;
import jp.mamori.staff.Permission;
import jp.mamori.staff.StaffId;
import jp.mamori.staff.StaffPermission;
import jp.mamori.staff.internal.StaffAccessInterceptor;
import jp.mamori.staff.internal.StaffAccounts;
import jp.mamori.staff.internal.StaffAdministration;
import jp.mamori.staff.internal.StaffStepUp;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The staff administration API: staff accounts, their roles, disabling them, and verifying the
 * operation log. Every handler declares its permission (default deny, see {@link StaffAccessInterceptor}).
 * Security decision: creating a member and granting the administrator role are privileged operations
 * ({@link StaffStepUp}): they need {@code PRIVILEGED_OPERATIONS} and a second factor given within the
 * last five minutes, so a session left open cannot make new administrators.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class StaffAccountController {

	public static final String ACCOUNTS = "/api/v1/staff/accounts";

	record NewMember(@NotNull @Size(max = 256) String userId, @NotNull @Size(max = 20) Set<@NotNull String> roles) {
	}

	record Roles(@NotNull @Size(max = 20) Set<@NotNull String> roles) {
	}

	private final StaffAdministration administration;

	private final StaffAccounts accounts;

	private final LogIntegrity logIntegrity;

	private final Problems problems;

	private final StaffStepUp stepUp;

	StaffAccountController(StaffAdministration administration, StaffAccounts accounts, LogIntegrity logIntegrity,
			Problems problems, StaffStepUp stepUp) {
		Assert.notNull(stepUp, "stepUp cannot be null");
		this.stepUp = stepUp;
		Assert.notNull(administration, "administration cannot be null");
		this.administration = administration;
		this.accounts = accounts;
		this.logIntegrity = logIntegrity;
		this.problems = problems;
	}

	@GetMapping(ACCOUNTS)
	@StaffPermission(Permission.STAFF_READ)
	List<StaffAccounts.Member> list() {
		return this.accounts.list();
	}

	@GetMapping("/api/v1/staff/roles")
	@StaffPermission(Permission.STAFF_READ)
	Set<String> roles() {
		return this.accounts.roleNames();
	}

	@PostMapping(path = ACCOUNTS, consumes = MediaType.APPLICATION_JSON_VALUE)
	@StaffPermission(Permission.PRIVILEGED_OPERATIONS)
	ResponseEntity<StaffAdministration.Created> create(@Valid @RequestBody NewMember body,
			HttpServletRequest request, HttpServletResponse response) {
		if (refusedStepUp(request, response)) {
			return null;
		}
		StaffAdministration.Outcome<StaffAdministration.Created> outcome = this.administration.create(body.userId(),
				body.roles());
		return answer(outcome, HttpStatus.CREATED, request, response);
	}

	@PutMapping(path = ACCOUNTS + "/{staffId}/roles", consumes = MediaType.APPLICATION_JSON_VALUE)
	@StaffPermission(Permission.STAFF_MANAGE)
	ResponseEntity<Void> assignRoles(@PathVariable UUID staffId, @Valid @RequestBody Roles body,
			HttpServletRequest request, HttpServletResponse response) {
		if (body.roles().contains(StaffAdministration.ADMINISTRATOR) && refusedStepUp(request, response)) {
			return null;
		}
		return answer(this.administration.assignRoles(new StaffId(staffId), body.roles()), HttpStatus.NO_CONTENT,
				request, response);
	}

	@PostMapping(ACCOUNTS + "/{staffId}/disablement")
	@StaffPermission(Permission.STAFF_MANAGE)
	ResponseEntity<Void> disable(@PathVariable UUID staffId, HttpServletRequest request,
			HttpServletResponse response) {
		return answer(this.administration.disable(new StaffId(staffId)), HttpStatus.NO_CONTENT, request, response);
	}

	@PostMapping("/api/v1/staff/audit/verification")
	@StaffPermission(Permission.AUDIT_VERIFY)
	Verification verifyOperationLog() {
		return this.logIntegrity.verify();
	}

	@ExceptionHandler(InvalidUserIdException.class)
	void invalidUserId(HttpServletRequest request, HttpServletResponse response) {
		this.problems.write(request, response, HttpStatus.BAD_REQUEST, "validation-failed", List.of(
				new Problems.FieldProblem("userId", this.problems.message(request, "identity.user-id.invalid"))));
	}

	/** @return whether a privileged operation was refused (and the refusal written) */
	private boolean refusedStepUp(HttpServletRequest request, HttpServletResponse response) {
		var refusal = this.stepUp.refusal(request);
		refusal.ifPresent((reason) -> this.problems.write(request, response, HttpStatus.FORBIDDEN, reason.code()));
		return refusal.isPresent();
	}

	private <T> ResponseEntity<T> answer(StaffAdministration.Outcome<T> outcome, HttpStatus success,
			HttpServletRequest request, HttpServletResponse response) {
		if (outcome.problem() == null) {
			return ResponseEntity.status(success).body(outcome.value());
		}
		this.problems.write(request, response, status(outcome.problem()), outcome.problem().code());
		return null;
	}

	private static HttpStatus status(StaffAdministration.Problem problem) {
		return switch (problem) {
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case USER_ID_TAKEN, LAST_ADMINISTRATOR -> HttpStatus.CONFLICT;
			case UNKNOWN_ROLE -> HttpStatus.BAD_REQUEST;
		};
	}

}
