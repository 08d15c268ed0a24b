package jp.mamori.staff.internal;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import jp.mamori.identity.CustomerClient;
import jp.mamori.identity.IdentityTest;
import jp.mamori.staff.Permission;
import jp.mamori.staff.StaffClient;
import jp.mamori.staff.Staffing;
import jp.mamori.testing.MutableClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first administrator: Mamori prints a one-time setup token while no staff account exists, and
 * the token, used once, creates the administrator. Each test starts from a Mamori without staff, as
 * at first start.
 */
@IdentityTest
@ExtendWith(OutputCaptureExtension.class)
class StaffSetupTests {

	private static final Pattern TOKEN = Pattern.compile("\\n\\s+([A-Z2-7]{52})\\s*\\n");

	@Autowired
	StaffSetup setup;

	@Autowired
	MutableClock clock;

	@Autowired
	HikariDataSource dataSource;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Staffing staffing;

	SingleConnectionDataSource superuser;

	@BeforeEach
	void noStaffYet() {
		this.superuser = new SingleConnectionDataSource(this.dataSource.getJdbcUrl(), "postgres", "", true);
		JdbcClient.create(this.superuser)
			.sql("delete from identity_staff_setup_token; delete from identity_staff_member_role;"
					+ " delete from identity_staff_lockout; delete from identity_staff_account")
			.update();
	}

	@AfterEach
	void close() {
		this.superuser.destroy();
	}

	@Test
	void theTokenPrintedOnceCreatesTheFirstAdministratorAndThenDies(CapturedOutput output) {
		int before = output.getErr().length();
		assertThat(this.setup.offerFirstToken()).isPresent();
		String token = printedToken(output.getErr().substring(before));
		assertThat(output.getErr()).contains("MAMORI STAFF SETUP");
		// Standard error only: never the structured log.
		assertThat(output.getOut()).doesNotContain(token);
		assertThat(this.jdbc.sql("select count(*) from identity_staff_setup_token where token_hash = ?")
			.param(StaffSetup.hash(token))
			.query(Long.class)
			.single()).isOne();

		StaffClient client = this.staffing.client();
		String userId = Staffing.uniqueUserId("admin");
		HttpResponse<String> wrong = client.postJson(StaffApiSecurity.SETUP_PATH,
				Map.of("token", token.substring(1) + "A", "userId", userId, "password", Staffing.PASSWORD));
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("urn:mamori:problem:staff-setup-token-invalid");
		HttpResponse<String> weak = client.postJson(StaffApiSecurity.SETUP_PATH,
				Map.of("token", token, "userId", userId, "password", "password"));
		assertThat(weak.statusCode()).isEqualTo(400);
		assertThat(weak.body()).contains("\"password\"");

		HttpResponse<String> created = client.postJson(StaffApiSecurity.SETUP_PATH,
				Map.of("token", token, "userId", userId, "password", Staffing.PASSWORD));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String staffId = (String) CustomerClient.json.readValue(created.body(), Map.class).get("staffId");
		HttpResponse<String> again = this.staffing.client()
			.postJson(StaffApiSecurity.SETUP_PATH,
					Map.of("token", token, "userId", userId + "x", "password", Staffing.PASSWORD));
		assertThat(again.statusCode()).isEqualTo(400);

		String secret = this.staffing.enrol(this.staffing.client(), userId);
		StaffClient administrator = this.staffing.signedIn(new Staffing.Member(staffId, userId, secret));
		HttpResponse<String> session = administrator.get(StaffApiSecurity.SESSION_PATH);
		for (Permission permission : Permission.values()) {
			assertThat(session.body()).contains(permission.name());
		}
		assertThat(this.setup.offerFirstToken()).isEmpty();
	}

	@Test
	void noSecondTokenIsPrintedWhileOneIsWaiting(CapturedOutput output) {
		int before = output.getErr().length();
		assertThat(this.setup.offerFirstToken()).isPresent();
		assertThat(this.setup.offerFirstToken()).isEmpty();
		assertThat(TOKEN.matcher(output.getErr().substring(before)).results().count()).isOne();
	}

	@Test
	void theTokenExpiresAfterADay(CapturedOutput output) {
		int before = output.getErr().length();
		this.setup.offerFirstToken();
		String token = printedToken(output.getErr().substring(before));
		this.clock.advance(Duration.ofHours(24).plusSeconds(1));
		HttpResponse<String> late = this.staffing.client()
			.postJson(StaffApiSecurity.SETUP_PATH,
					Map.of("token", token, "userId", Staffing.uniqueUserId("late"), "password", Staffing.PASSWORD));
		assertThat(late.statusCode()).isEqualTo(400);
		// Expired and still no staff: the next start offers a new one.
		assertThat(this.setup.offerFirstToken()).isPresent();
	}

	@Test
	void wrongTokensAreThrottledPerSource() {
		this.setup.offerFirstToken();
		StaffClient guesser = this.staffing.client().language("ja");
		HttpResponse<String> last = null;
		for (int i = 0; i < 7; i++) {
			last = guesser.postJson(StaffApiSecurity.SETUP_PATH,
					Map.of("token", "A".repeat(52), "userId", "guess", "password", Staffing.PASSWORD));
		}
		assertThat(last.statusCode()).isEqualTo(429);
		assertThat(last.headers().firstValue("Retry-After")).isPresent();
		assertThat(last.body()).contains("秒後");
	}

	private static String printedToken(String err) {
		Matcher matcher = TOKEN.matcher(err);
		assertThat(matcher.find()).as(err).isTrue();
		return matcher.group(1);
	}

}
