package jp.mamori.staff.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import jp.mamori.audit.Actor;
import jp.mamori.identity.CustomerId;
import jp.mamori.identity.CustomerSupport;
import jp.mamori.platform.web.Problems;
import jp.mamori.staff.CurrentStaff;
import jp.mamori.staff.Permission;
import jp.mamori.staff.StaffId;
import jp.mamori.staff.StaffPermission;
import jp.mamori.staff.internal.StaffAccessInterceptor;
import jp.mamori.staff.internal.StaffStepUp;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The staff API on customers' accounts: look one up (masked) and force password resets. Every
 * handler declares its permission (default deny, see {@link StaffAccessInterceptor}). Security
 * decision: customer support ({@code CUSTOMERS_FORCE_RESET}) resets named customers; resetting all of
 * them is a privileged operation ({@link StaffStepUp}): its own permission and a fresh second factor.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class StaffCustomerController {

	static final String CUSTOMERS = "/api/v1/staff/customers";

	/** The most customers one request may name; {@code all} covers more. */
	static final int MAX_CUSTOMERS = 1000;

	/** Either {@code customers} or {@code "all": true}, not both. */
	record ForceRequest(@Size(max = MAX_CUSTOMERS) List<@NotNull UUID> customers, Boolean all) {
	}

	private final CustomerSupport customers;

	private final Problems problems;

	private final StaffStepUp stepUp;

	StaffCustomerController(CustomerSupport customers, Problems problems, StaffStepUp stepUp) {
		Assert.notNull(customers, "customers cannot be null");
		Assert.notNull(problems, "problems cannot be null");
		Assert.notNull(stepUp, "stepUp cannot be null");
		this.customers = customers;
		this.problems = problems;
		this.stepUp = stepUp;
	}

	@GetMapping(CUSTOMERS + "/{customerId}")
	@StaffPermission(Permission.CUSTOMERS_READ)
	ResponseEntity<CustomerSupport.CustomerView> customer(@PathVariable UUID customerId, HttpServletRequest request,
			HttpServletResponse response) {
		StaffId staff = CurrentStaff.id().orElseThrow();
		return this.customers.find(new CustomerId(customerId), Actor.staff(staff.toString())).map(ResponseEntity::ok).orElseGet(() -> {
			this.problems.write(request, response, HttpStatus.NOT_FOUND, "staff-customer-not-found");
			return null;
		});
	}

	@PostMapping(path = CUSTOMERS + "/password-reset", consumes = MediaType.APPLICATION_JSON_VALUE)
	@StaffPermission(Permission.CUSTOMERS_FORCE_RESET)
	ResponseEntity<CustomerSupport.ForcedResets> forcePasswordReset(@Valid @RequestBody ForceRequest body,
			HttpServletRequest request, HttpServletResponse response) {
		boolean everyone = Boolean.TRUE.equals(body.all());
		boolean named = body.customers() != null && !body.customers().isEmpty();
		if (everyone == named) {
			this.problems.write(request, response, HttpStatus.BAD_REQUEST, "staff-force-reset-scope");
			return null;
		}
		if (everyone) {
			var refusal = this.stepUp.refusal(request);
			if (refusal.isPresent()) {
				this.problems.write(request, response, HttpStatus.FORBIDDEN, refusal.get().code());
				return null;
			}
		}
		Set<CustomerId> chosen = null;
		if (named) {
			chosen = new LinkedHashSet<>();
			for (UUID id : body.customers()) {
				chosen.add(new CustomerId(id));
			}
		}
		StaffId staff = CurrentStaff.id().orElseThrow();
		return ResponseEntity.ok(this.customers.forcePasswordReset(chosen, Actor.staff(staff.toString())));
	}

}
