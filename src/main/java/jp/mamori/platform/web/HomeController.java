package jp.mamori.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The top page. */
@Controller
class HomeController {

	@GetMapping("/")
	String home() {
		return "home";
	}

}
