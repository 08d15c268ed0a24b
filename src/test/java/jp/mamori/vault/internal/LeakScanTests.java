package jp.mamori.vault.internal;

import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import jp.mamori.testing.LeakScan;
import jp.mamori.testing.PostgresTools;
import jp.mamori.vault.BlindIndex;
import jp.mamori.vault.Reader;
import jp.mamori.vault.SealContext;
import jp.mamori.vault.Sealed;
import jp.mamori.vault.Subject;
import jp.mamori.vault.Vault;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Canaries sealed through the vault appear neither in a dump of the database nor in the logs. */
@VaultTest
@ExtendWith(OutputCaptureExtension.class)
class LeakScanTests {

	@Autowired
	Vault vault;

	@Autowired
	BlindIndex index;

	@Autowired
	TestValueStore values;

	@Autowired
	HikariDataSource dataSource;

	@Test
	void theScannerFindsACanaryInEachFormAnAttackerMightSee() {
		LeakScan scan = LeakScan.of("Canary.Mail@Example.jp");
		assertThat(scan.scan("dump", "x Canary.Mail@Example.jp y")).extracting(LeakScan.Finding::form).contains("as given");
		assertThat(scan.scan("dump", "canary.mail@example.jp")).extracting(LeakScan.Finding::form).contains("lower case");
		assertThat(scan.scan("dump", "\\x" + "43616e6172792e4d61696c404578616d706c652e6a70"))
			.extracting(LeakScan.Finding::form)
			.contains("hex");
		for (String prefix : new String[] { "", "a", "ab" }) {
			String encoded = java.util.Base64.getEncoder()
				.encodeToString((prefix + "Canary.Mail@Example.jp!").getBytes(java.nio.charset.StandardCharsets.UTF_8));
			assertThat(scan.scan("log", "token=" + encoded)).as("base64 after %s", prefix).isNotEmpty();
		}
		assertThat(LeakScan.of("ｶﾅﾘｱ太郎").scan("log", "カナリア太郎")).extracting(LeakScan.Finding::form).contains("NFKC");
		assertThat(scan.scan("dump", "nothing to see")).isEmpty();
	}

	@Test
	void sealedCanariesAreNotInADumpOrInTheLogs(CapturedOutput output) {
		String email = "kanari-" + UUID.randomUUID().toString().substring(0, 8) + "@example.jp";
		String name = "金成 " + UUID.randomUUID().toString().substring(0, 6) + "子";
		String phone = "090-" + (1000 + (int) (Math.random() * 8999)) + "-7261";
		LeakScan scan = LeakScan.of(email, name, phone.replace("-", ""), "神南9丁目8-7 カナリアビル");
		Subject subject = Subject.customer("c-" + UUID.randomUUID());
		String[][] fields = { { "customer.email", email }, { "customer.name", name }, { "customer.phone", phone },
				{ "customer.address", "神南9丁目8-7 カナリアビル" } };
		for (String[] field : fields) {
			SealContext context = SealContext.of(subject, TestValueStore.FIELD, field[0] + "-" + UUID.randomUUID());
			Sealed sealed = this.vault.seal(context, field[1]);
			this.values.insert(context, sealed);
			assertThat(this.vault.open(sealed, context, Reader.staff("staff-1"), "leak scan")).isEqualTo(field[1]);
			// A mistaken read elsewhere logs a warning and an event: neither may carry the value.
			try {
				this.vault.open(sealed, SealContext.of(subject, TestValueStore.FIELD, "elsewhere"),
						Reader.staff("staff-1"), "leak scan");
			}
			catch (RuntimeException expected) {
				System.out.println(expected + " / " + sealed);
			}
		}
		this.index.index(subject, BlindIndex.Kind.EMAIL, email);
		this.index.index(subject, BlindIndex.Kind.PHONE, phone);

		String dump = new PostgresTools(this.dataSource).dump();
		assertThat(dump).contains("vault_test_value").contains("vault_blind_index");
		assertThat(scan.scan("pg_dump", dump)).isEmpty();
		assertThat(scan.scan("logs", output.getAll())).isEmpty();
	}

}
