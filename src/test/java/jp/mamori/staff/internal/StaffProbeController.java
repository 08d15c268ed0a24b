package jp.mamori.staff.internal;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A test-only staff endpoint that forgot to declare its permission: default deny must refuse it to
 * everyone, administrators included.
 */
@RestController
class StaffProbeController {

	static final String UNDECLARED = "/api/v1/staff/test/undeclared";

	@GetMapping(UNDECLARED)
	Map<String, String> undeclared() {
		return Map.of("reached", "yes");
	}

}
