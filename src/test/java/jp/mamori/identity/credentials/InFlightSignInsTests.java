package jp.mamori.identity.credentials;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import jp.mamori.identity.IdentityTest;
import jp.mamori.testing.MutableClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-flight counts on their own: the caps, giving back, and a stopped node's count forgotten. */
@IdentityTest
class InFlightSignInsTests {

	@Autowired
	InFlightSignIns inFlight;

	@Autowired
	IdentityProperties settings;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void aUserIdTakesNoMoreThanItsCapAndAPlaceGivenBackIsTakenAgain() throws Exception {
		String user = "someone-" + UUID.randomUUID();
		ClientSource source = source(freshNetwork() + ".7");
		List<InFlightSignIns.Admission> admitted = new ArrayList<>();
		for (int i = 0; i < this.settings.inFlight().perAccount(); i++) {
			InFlightSignIns.Admission admission = admit(user, source);
			assertThat(admission.admitted()).isTrue();
			admitted.add(admission);
		}
		InFlightSignIns.Admission over = admit(user, source);
		assertThat(over.admitted()).isFalse();
		assertThat(over.networkCounted()).isTrue();
		this.inFlight.release(over);
		this.inFlight.release(admitted.removeFirst());
		InFlightSignIns.Admission again = admit(user, source);
		assertThat(again.admitted()).isTrue();
		admitted.add(again);
		admitted.forEach(this.inFlight::release);
		assertThat(rows(source, user)).as("rows are deleted when their last attempt ends").isZero();
	}

	@Test
	void aNetworkTakesNoMoreThanItsCapWhateverTheUserIdsAndOtherNetworksAreNotTouched() throws Exception {
		String network = freshNetwork();
		List<InFlightSignIns.Admission> admitted = new ArrayList<>();
		for (int i = 0; i < this.settings.inFlight().perNetwork(); i++) {
			InFlightSignIns.Admission admission = admit("spray-" + i + "-" + UUID.randomUUID(),
					source(network + "." + (i + 1)));
			assertThat(admission.admitted()).isTrue();
			admitted.add(admission);
		}
		InFlightSignIns.Admission over = admit("one-more-" + UUID.randomUUID(), source(network + ".250"));
		assertThat(over.networkCounted()).isFalse();
		assertThat(over.userCounted()).as("the user ID is not counted for an attempt the network refused")
			.isFalse();
		InFlightSignIns.Admission elsewhere = admit("one-more-" + UUID.randomUUID(), source(freshNetwork() + ".1"));
		assertThat(elsewhere.admitted()).isTrue();
		this.inFlight.release(elsewhere);
		admitted.forEach(this.inFlight::release);
	}

	@Test
	void aCountLeftByAStoppedNodeIsForgottenAfterItsQuietTime() throws Exception {
		String user = "stopped-" + UUID.randomUUID();
		ClientSource source = source(freshNetwork() + ".8");
		for (int i = 0; i < this.settings.inFlight().perAccount(); i++) {
			assertThat(admit(user, source).admitted()).isTrue();
		}
		InFlightSignIns.Admission refused = admit(user, source);
		assertThat(refused.admitted()).isFalse();
		this.inFlight.release(refused);
		this.clock.advance(this.settings.inFlight().forgetAfter().plus(Duration.ofSeconds(1)));
		InFlightSignIns.Admission later = admit(user, source);
		assertThat(later.admitted()).isTrue();
		this.inFlight.release(later);
	}

	@Test
	void theUserIdIsStoredOnlyAsItsDigestAndIpv6CountsBySlash48() throws Exception {
		String user = "digest-" + UUID.randomUUID();
		String third = Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xffff));
		ClientSource source = source("2001:db8:" + third + ":1234::5");
		InFlightSignIns.Admission admission = admit(user, source);
		assertThat(admission.admitted()).isTrue();
		assertThat(admission.network()).isEqualTo("2001:db8:" + third + ":0:0:0:0:0/48");
		List<String> subjects = this.jdbc.sql("select subject from identity_sign_in_in_flight").query(String.class).list();
		assertThat(subjects).noneMatch((subject) -> subject.contains(user)).contains(this.inFlight.subject(user));
		this.inFlight.release(admission);
	}

	private InFlightSignIns.Admission admit(String userIdKey, ClientSource source) {
		return this.jdbc.sql(InFlightSignIns.ADMIT + "select " + InFlightSignIns.ADMITTED)
			.params(this.inFlight.admitParameters(userIdKey, source))
			.query((rs, row) -> this.inFlight.admission(userIdKey, source, rs.getBoolean(1), rs.getBoolean(2)))
			.single();
	}

	private long rows(ClientSource source, String user) {
		return this.jdbc.sql("select count(*) from identity_sign_in_in_flight where subject in (?, ?)")
			.params(InFlightSignIns.network(source), this.inFlight.subject(user))
			.query(Long.class)
			.single();
	}

	private static String freshNetwork() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "100." + random.nextInt(65, 127) + "." + random.nextInt(0, 256);
	}

	private static ClientSource source(String address) throws Exception {
		return new ClientSource(InetAddress.getByName(address), "InFlight/1.0");
	}

}
