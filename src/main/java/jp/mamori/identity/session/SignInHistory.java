package jp.mamori.identity.session;

import java.time.Instant;
import java.util.List;

import jp.mamori.identity.CustomerId;
import jp.mamori.identity.credentials.ClientSource;

/**
 * Every sign-in attempt against a known account, for its owner to review: when, from which address
 * and device, how, and how it ended.
 *
 * <p>Security decisions: attempts on unknown user IDs are not recorded (there is nobody to show them
 * to); the device is a summary from a fixed list of names ({@link jp.mamori.identity.credentials.Devices#describe}), never the
 * {@code User-Agent} itself; each account keeps only its newest {@value #KEPT} entries.
 */
public interface SignInHistory {

	/**
	 * Entries kept per account; older ones are deleted right after a new one is committed, except one
	 * whose sign-in notice is still due.
	 */
	int KEPT = 50;

	/** How an attempt was made. */
	enum Method {

		PASSWORD, EMAIL_CODE, TOTP, RECOVERY_CODE, PASSKEY;

		public String code() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/** How an attempt ended. */
	enum Result {

		SUCCEEDED, REFUSED, LOCKED, THROTTLED, SECOND_FACTOR_REQUIRED;

		public String code() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		/** @return the result for a refusal {@code reason} as the sign-in classes name it */
		public static Result ofRefusal(String reason) {
			return switch (reason) {
				case "locked", "email_code_locked" -> LOCKED;
				case "throttled" -> THROTTLED;
				default -> REFUSED;
			};
		}

	}

	/**
	 * One attempt as the owner sees it.
	 * @param device e.g. {@code Chrome (Android)}, or {@code null} when not recognised
	 */
	record Entry(Instant time, String address, String device, String method, String result) {
	}

	/** A history that records nothing, for sign-ins built without one. */
	SignInHistory NONE = new SignInHistory() {

		@Override
		public void record(CustomerId account, Method method, Result result, ClientSource source,
				String noticeMethod) {
		}

		@Override
		public List<Entry> recent(CustomerId account) {
			return List.of();
		}

	};

	/**
	 * Record an attempt, in the caller's transaction if there is one (so that a refusal still costs one
	 * commit); once that commits, the account's entries beyond the newest {@value #KEPT} are forgotten.
	 * @param account the account, or {@code null} for an attempt that named none: nothing is recorded,
	 * but the same work is done, so a refusal costs the same database round trips with or without one
	 */
	default void record(CustomerId account, Method method, Result result, ClientSource source) {
		record(account, method, result, source, method.code());
	}

	/**
	 * {@link #record(CustomerId, Method, Result, ClientSource)}; a succeeded attempt also queues its
	 * sign-in notice, in the source's language, mailed once the caller's transaction commits.
	 * @param noticeMethod how the notice names the method, when it says more than {@code method} (e.g.
	 * {@code password_passkey} for a passkey after a password)
	 */
	void record(CustomerId account, Method method, Result result, ClientSource source, String noticeMethod);

	/** @return the account's newest entries, newest first, at most {@value #KEPT} */
	List<Entry> recent(CustomerId account);

}
