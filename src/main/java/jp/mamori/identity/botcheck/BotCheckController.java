package jp.mamori.identity.botcheck;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Hands out ALTCHA challenges to the widget and to API clients; anyone may ask, nothing is stored. */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(AltchaBotCheck.class)
public final class BotCheckController {

	public static final String PATH = "/api/v1/bot-check/challenge";

	private final AltchaBotCheck altcha;

	BotCheckController(AltchaBotCheck altcha) {
		this.altcha = altcha;
	}

	@GetMapping(PATH)
	ResponseEntity<Map<String, Object>> challenge() {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(this.altcha.challenge());
	}

}
