package jp.mamori.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

import jp.mamori.platform.SecurityEvent;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps every security event published in a test context, for assertions. */
@Component
public class RecordedSecurityEvents {

	private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

	private final List<Hook> hooks = new CopyOnWriteArrayList<>();

	private record Hook(Predicate<SecurityEvent> matching, Consumer<SecurityEvent> action) {
	}

	@EventListener
	void on(SecurityEvent event) {
		this.events.add(event);
		for (Hook hook : this.hooks) {
			if (hook.matching().test(event) && this.hooks.remove(hook)) {
				hook.action().accept(event);
			}
		}
	}

	/**
	 * Run {@code action} once, in the publisher's thread and transaction, when the next event that
	 * matches is published: e.g. to see or break what commits with it.
	 */
	public void onNext(Predicate<SecurityEvent> matching, Consumer<SecurityEvent> action) {
		this.hooks.add(new Hook(matching, action));
	}

	public List<SecurityEvent> named(String name) {
		return this.events.stream().filter((event) -> event.name().equals(name)).toList();
	}

	public List<SecurityEvent> all() {
		return List.copyOf(this.events);
	}

}
