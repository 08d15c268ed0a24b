package jp.mamori.mail.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.springframework.util.Assert;

/**
 * The dev mailbox: the last {@code capacity} mails, newest first, in this JVM's memory only.
 * <p>
 * Security decision: never in the database, never on disk. Mails carry personal data and one-time
 * codes; a store that outlived the process would be personal data at rest in plain text (invariant 1).
 * Stopping Mamori empties the mailbox.
 */
final class DevMailbox {

	private final int capacity;

	private final Deque<StoredMail> mails = new ArrayDeque<>();

	DevMailbox(int capacity) {
		Assert.isTrue(capacity > 0, "capacity must be positive");
		this.capacity = capacity;
	}

	/** Keep {@code mail}, dropping the oldest mail if the mailbox is full. */
	synchronized void keep(StoredMail mail) {
		Assert.notNull(mail, "mail cannot be null");
		this.mails.addFirst(mail);
		while (this.mails.size() > this.capacity) {
			this.mails.removeLast();
		}
	}

	/** @return the mails kept, newest first */
	synchronized List<StoredMail> mails() {
		return List.copyOf(this.mails);
	}

	/** @return the mail with this identifier, if it is still kept */
	synchronized Optional<StoredMail> find(String id) {
		return this.mails.stream().filter((mail) -> mail.id().equals(id)).findFirst();
	}

	int capacity() {
		return this.capacity;
	}

}
