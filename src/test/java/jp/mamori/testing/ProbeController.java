package jp.mamori.testing;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import jp.mamori.platform.web.MultilineText;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A test-only endpoint with the usual kinds of input (JSON body, form, query), validated the way
 * Mamori's real endpoints are, for the tests of the web baseline.
 */
@RestController
class ProbeController {

	record Probe(@NotBlank @Size(max = 200) String name, @Min(0) @Max(1_000_000) int quantity,
			@MultilineText @Size(max = 2000) String note) {
	}

	@PostMapping(path = "/api/v1/test/probe", consumes = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> json(@Valid @RequestBody Probe probe) {
		return Map.of("name", probe.name(), "quantity", probe.quantity());
	}

	@PostMapping(path = "/test/probe", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Map<String, Object> form(@Valid @ModelAttribute Probe probe) {
		return Map.of("name", probe.name(), "quantity", probe.quantity());
	}

	@GetMapping("/api/v1/test/probe")
	Map<String, Object> query(@RequestParam @Size(max = 2000) String q, @RequestParam(required = false) Integer n) {
		return Map.of("length", q.length(), "n", (n != null) ? n : -1);
	}

}
