package jp.mamori.staff;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.credentials.Base32;
import jp.mamori.identity.credentials.TotpCodes;
import jp.mamori.staff.internal.StaffAdministration;
import jp.mamori.testing.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Makes staff members the way an administrator and the member would: the account with a setup token,
 * the password through {@code POST /api/v1/staff/setup}, the authenticator at the first sign-in.
 */
public final class Staffing {

	public static final String PASSWORD = "しずかな森の朝に鳥がうたう 2026";

	private static final AtomicInteger sequence = new AtomicInteger();

	/** A member of staff and the authenticator's secret, as their phone would hold it. */
	public record Member(String staffId, String userId, String secret) {
	}

	private final StaffAdministration administration;

	private final MutableClock clock;

	private final Path home;

	private final int port;

	public Staffing(StaffAdministration administration, MutableClock clock, Path home, int port) {
		this.administration = administration;
		this.clock = clock;
		this.home = home;
		this.port = port;
	}

	public static String uniqueUserId(String prefix) {
		return prefix + "-" + System.nanoTime() % 1_000_000 + "-" + sequence.incrementAndGet();
	}

	public StaffClient client() {
		return new StaffClient(this.home, this.port).withCsrfToken();
	}

	/** A browser with no CSRF token yet, as one that has just opened the console. */
	public StaffClient aBrowser() {
		return new StaffClient(this.home, this.port);
	}

	/** A member with these roles (none for a member who may only sign in), a password and an enrolled authenticator. */
	public Member aStaffMemberWithTotp(String... roles) {
		return member(Set.of(roles));
	}

	/** A fresh client signed in with both factors as a new member with these roles. */
	public StaffClient aSignedInStaffMember(String... roles) {
		return signedIn(aStaffMemberWithTotp(roles));
	}

	private Member member(Set<String> roles) {
		String userId = uniqueUserId("staff");
		var created = this.administration.create(userId, roles).value();
		StaffClient client = client();
		HttpResponse<String> setUp = client.postJson("/api/v1/staff/setup",
				Map.of("token", created.setupToken(), "userId", userId, "password", PASSWORD));
		assertThat(setUp.statusCode()).as(setUp.body()).isEqualTo(201);
		return new Member(created.staffId(), userId, enrol(client, userId));
	}

	/** Sign in with password, enrol an authenticator, and return its secret; the client is signed out. */
	public String enrol(StaffClient client, String userId) {
		HttpResponse<String> password = client.signIn(userId, PASSWORD);
		assertThat(password.body()).contains("totp-enrolment");
		HttpResponse<String> started = client.postJson("/api/v1/staff/session/totp-enrolment", Map.of());
		assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
		String secret = (String) CustomerClient.json.readValue(started.body(), Map.class).get("secret");
		HttpResponse<String> confirmed = client.postJson("/api/v1/staff/session/totp-enrolment/confirmation",
				Map.of("code", code(secret)));
		assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
		return secret;
	}

	/** A fresh client signed in as the member with both factors. */
	public StaffClient signedIn(Member member) {
		StaffClient client = client();
		HttpResponse<String> password = client.signIn(member.userId(), PASSWORD);
		assertThat(password.body()).as(password.body()).contains("\"totp\"");
		HttpResponse<String> totp = client.postJson("/api/v1/staff/session/totp", Map.of("code", code(member.secret())));
		assertThat(totp.statusCode()).as(totp.body()).isEqualTo(200);
		// The CSRF token changes at sign-in, as a page learns after it.
		return client.withCsrfToken();
	}

	/** The authenticator's code for a step no code was accepted for yet: time moves on first. */
	public String code(String secret) {
		this.clock.advance(Duration.ofSeconds(30));
		return new TotpCodes().code(Base32.decode(secret), this.clock.instant());
	}

}
