package jp.mamori.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jp.mamori.platform.SecurityEvent;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps every security event published in a test context, for assertions. */
@Component
public class RecordedSecurityEvents {

	private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

	@EventListener
	void on(SecurityEvent event) {
		this.events.add(event);
	}

	public List<SecurityEvent> named(String name) {
		return this.events.stream().filter((event) -> event.name().equals(name)).toList();
	}

	public List<SecurityEvent> all() {
		return List.copyOf(this.events);
	}

}
