package jp.mamori.staff;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The member of staff signed in on this request, for any module's staff endpoint.
 *
 * <p>Security decision: only a session that passed both steps of a staff sign-in (password and TOTP)
 * carries the {@value #AUTHORITY} authority; a customer's session, or a staff session half-way through
 * signing in, is nobody here.
 */
public final class CurrentStaff {

	/** The authority of a member of staff who completed sign-in. */
	public static final String AUTHORITY = "ROLE_STAFF";

	private CurrentStaff() {
	}

	/** @return the signed-in member of staff of this request, if any */
	public static Optional<StaffId> id() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated() || authentication.getAuthorities()
			.stream()
			.noneMatch((authority) -> AUTHORITY.equals(authority.getAuthority()))) {
			return Optional.empty();
		}
		return Optional.of(StaffId.parse(authentication.getName()));
	}

	/**
	 * @return the signed-in member of staff
	 * @throws IllegalStateException outside a staff endpoint, where the access interceptor has not let
	 * the request through
	 */
	public static StaffId require() {
		return id().orElseThrow(() -> new IllegalStateException("no member of staff is signed in"));
	}

}
