package jp.mamori.platform.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Says where Mamori can be reached once it is ready: in the log, and as one plain line on standard
 * output for the person who just typed the start command.
 */
@Component
class ReadyAnnouncement implements ApplicationListener<ApplicationReadyEvent> {

	private static final Logger logger = LoggerFactory.getLogger(ReadyAnnouncement.class);

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (!(event.getApplicationContext() instanceof WebServerApplicationContext web)
				|| web.getServerNamespace() != null) {
			return;
		}
		String url = "https://localhost:" + web.getWebServer().getPort() + "/";
		logger.info("Mamori is ready at {}", url);
		System.out.println("\nMamori is ready at " + url + "  (Ctrl-C stops it)\n");
	}

}
