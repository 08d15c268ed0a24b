package jp.mamori.mail.internal;

import java.time.format.DateTimeFormatter;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import jp.mamori.platform.JapanTime;

/**
 * The dev mailbox's pages and its JSON view, for developers and browser tests.
 * <p>
 * Security decision: everything under {@code /dev/**} answers only direct requests from this machine
 * (the platform's {@code LoopbackOnly}); and the bodies are shown as text, the HTML body as escaped
 * source, never rendered, so a mail cannot run script in the developer's browser.
 */
@Controller
@ConditionalOnDevMailbox
@RequestMapping("/dev/mailbox")
class DevMailboxController {

	private static final DateTimeFormatter JAPAN_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
		.withZone(JapanTime.ZONE);

	private final DevMailbox mailbox;

	DevMailboxController(DevMailbox mailbox) {
		Assert.notNull(mailbox, "mailbox cannot be null");
		this.mailbox = mailbox;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("mails", this.mailbox.mails().stream().map(DevMailboxController::view).toList());
		model.addAttribute("capacity", this.mailbox.capacity());
		return "mail/dev-mailbox";
	}

	@GetMapping("/{id}")
	String show(@PathVariable String id, Model model) {
		model.addAttribute("mail", view(find(id)));
		return "mail/dev-mailbox-message";
	}

	/** Newest first; {@code to} keeps only the mails to that address, as a browser test waiting for a code needs. */
	@GetMapping(path = "/messages", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	List<MailView> messages(@RequestParam(required = false) @Nullable String to) {
		return this.mailbox.mails()
			.stream()
			.filter((mail) -> to == null || mail.to().equalsIgnoreCase(to))
			.map(DevMailboxController::view)
			.toList();
	}

	@GetMapping(path = "/messages/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	MailView message(@PathVariable String id) {
		return view(find(id));
	}

	private StoredMail find(String id) {
		return this.mailbox.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
	}

	private static MailView view(StoredMail mail) {
		return new MailView(mail.id(), mail.receivedAt().toString(), JAPAN_TIME.format(mail.receivedAt()),
				mail.messageId(), mail.from(), mail.to(), mail.subject(), mail.text(), mail.html());
	}

	/**
	 * One mail as the pages and the JSON view show it.
	 * @param receivedAt ISO-8601 instant, UTC
	 * @param receivedAtJapan the same in Japan time, for people
	 */
	record MailView(String id, String receivedAt, String receivedAtJapan, String messageId, String from, String to,
			String subject, String text, @Nullable String html) {

		@Override
		public String toString() {
			return "MailView[id=" + this.id + "]";
		}

	}

}
