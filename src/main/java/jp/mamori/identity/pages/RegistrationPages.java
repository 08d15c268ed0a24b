package jp.mamori.identity.pages;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import jp.mamori.identity.InvalidUserIdException;
import jp.mamori.identity.PasswordRefusedException;
import jp.mamori.identity.account.HouseholdComposition;
import jp.mamori.identity.account.Registrations;
import jp.mamori.identity.botcheck.BotChecked;
import jp.mamori.identity.credentials.UserIds;
import jp.mamori.mail.MailDeliveryException;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Registration as pages: the form, the confirmation with the mailed code, and the page that says it is
 * done. Every step is {@link Registrations}, the same as the JSON API; a refused field is shown next to
 * itself, and the password is never sent back into a page.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
final class RegistrationPages implements CustomerPage {

	/** What the form sends. {@link #toString()} withholds every field. */
	record RegistrationForm(String userId, String password, String familyName, String givenName,
			String familyNameKana, String givenNameKana, String email, String household, String passwordless) {

		static RegistrationForm empty() {
			return new RegistrationForm("", "", "", "", "", "", "", "", "");
		}

		/** @return whether the customer chose to sign in with e-mail codes only, with no password */
		boolean withoutPassword() {
			return "true".equals(this.passwordless);
		}

		@Override
		public String toString() {
			return "RegistrationForm[(withheld)]";
		}

	}

	/** The confirmation: the mailed code, and a new user ID if the first one was taken meanwhile. */
	record ConfirmationForm(String code, String userId) {

		@Override
		public String toString() {
			return "ConfirmationForm[(withheld)]";
		}

	}

	private static final List<String> HOUSEHOLDS = Arrays.stream(HouseholdComposition.values())
		.map(Enum::name)
		.toList();

	private final Registrations registrations;

	private final MessageSource messages;

	RegistrationPages(Registrations registrations, MessageSource messages) {
		Assert.notNull(registrations, "registrations cannot be null");
		Assert.notNull(messages, "messages cannot be null");
		this.registrations = registrations;
		this.messages = messages;
	}

	@GetMapping(PagePaths.REGISTER)
	String form(Model model) {
		return registrationForm(model, RegistrationForm.empty());
	}

	@PostMapping(PagePaths.REGISTER)
	@BotChecked
	String register(@ModelAttribute RegistrationForm form, Locale locale, Model model,
			HttpServletResponse response) {
		FieldErrors errors = new FieldErrors(this.messages, locale);
		String userId = errors.required("userId", form.userId(), UserIds.MAX_LENGTH * 4);
		// A passwordless account ignores the password field, which stays on the page when scripts are off.
		String password = form.withoutPassword() ? null : errors.required("password", form.password(), 1024);
		String familyName = errors.required("familyName", form.familyName(), 50);
		String givenName = errors.required("givenName", form.givenName(), 50);
		String familyNameKana = errors.required("familyNameKana", form.familyNameKana(), 50);
		String givenNameKana = errors.required("givenNameKana", form.givenNameKana(), 50);
		String email = errors.required("email", form.email(), 254);
		HouseholdComposition household = household(form.household(), errors);
		if (errors.isEmpty()) {
			try {
				UUID id = this.registrations.register(new Registrations.Request(userId, password, familyName, givenName,
						familyNameKana, givenNameKana, email, household), locale);
				return "redirect:" + PagePaths.REGISTER + "/" + id;
			}
			catch (InvalidUserIdException ex) {
				errors.reject("userId", "identity.user-id.invalid");
			}
			catch (PasswordRefusedException ex) {
				errors.reject("password", ex.messageCode(), ex.arguments());
			}
			catch (Registrations.InvalidFieldException ex) {
				errors.reject(ex.field(), "problem.field.invalid");
			}
			catch (MailDeliveryException ex) {
				response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
				model.addAttribute("alert", this.messages.getMessage("problem.mail-unavailable.detail", null, locale));
				return registrationForm(model, form);
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("errors", errors.asMap());
		return registrationForm(model, form);
	}

	@GetMapping(PagePaths.REGISTER + "/{id}")
	String confirmation(@PathVariable UUID id, Model model) {
		model.addAttribute("registrationId", id);
		model.addAttribute("userIdTaken", false);
		return "customer/register-confirm";
	}

	@PostMapping(PagePaths.REGISTER + "/{id}")
	String confirm(@PathVariable UUID id, @ModelAttribute ConfirmationForm form, Locale locale, Model model,
			HttpServletResponse response) {
		model.addAttribute("registrationId", id);
		model.addAttribute("userIdTaken", form.userId() != null);
		FieldErrors errors = new FieldErrors(this.messages, locale);
		String code = errors.required("code", form.code(), 6);
		String userId = (form.userId() != null) ? errors.required("userId", form.userId(), UserIds.MAX_LENGTH * 4)
				: null;
		if (code != null && !code.matches("[0-9０-９]{6}")) {
			errors.reject("code", "page.register.code-format");
		}
		if (errors.isEmpty()) {
			try {
				Registrations.Confirmation confirmation = this.registrations.confirm(id, code, userId);
				switch (confirmation.outcome()) {
					case CONFIRMED -> {
						return "redirect:" + PagePaths.REGISTER + "/done";
					}
					case WRONG_CODE -> errors.reject("code", "problem.registration-code-wrong.detail",
							confirmation.attemptsLeft());
					case USER_ID_TAKEN -> {
						model.addAttribute("userIdTaken", true);
						errors.reject("userId", "problem.registration-user-id-taken.detail");
					}
					case EMAIL_TAKEN -> alert(model, "problem.registration-email-taken.detail", locale);
					case INVALID -> alert(model, "problem.registration-invalid.detail", locale);
				}
			}
			catch (InvalidUserIdException ex) {
				errors.reject("userId", "identity.user-id.invalid");
			}
		}
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		model.addAttribute("errors", errors.asMap());
		return "customer/register-confirm";
	}

	@GetMapping(PagePaths.REGISTER + "/done")
	String done() {
		return "customer/register-done";
	}

	private String registrationForm(Model model, RegistrationForm form) {
		model.addAttribute("form", form);
		model.addAttribute("households", HOUSEHOLDS);
		model.addAttribute("botCheck", true);
		return "customer/register";
	}

	private void alert(Model model, String code, Locale locale) {
		model.addAttribute("alert", this.messages.getMessage(code, null, locale));
	}

	/** @return the chosen household, or {@code null} when none was chosen (it is optional) */
	private static HouseholdComposition household(String value, FieldErrors errors) {
		if (value == null || value.isBlank()) {
			return null;
		}
		if (!HOUSEHOLDS.contains(value)) {
			errors.reject("household", "problem.field.invalid");
			return null;
		}
		return HouseholdComposition.valueOf(value);
	}

}
