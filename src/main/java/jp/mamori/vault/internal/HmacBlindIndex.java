package jp.mamori.vault.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

import javax.crypto.Mac;

import jp.mamori.vault.BlindIndex;
import jp.mamori.vault.EmailAddress;
import jp.mamori.vault.PhoneNumber;
import jp.mamori.vault.Subject;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.Assert;

/**
 * Blind index in {@code vault_blind_index}: HMAC-SHA256 under the kind's derived key of the
 * normalised value, truncated to 16 bytes (collisions stay negligible; equal values still match).
 */
final class HmacBlindIndex implements BlindIndex {

	static final int DIGEST_BYTES = 16;

	private final IndexKey key;

	private final JdbcClient jdbc;

	HmacBlindIndex(IndexKey key, JdbcClient jdbc) {
		Assert.notNull(key, "key cannot be null");
		Assert.notNull(jdbc, "jdbc cannot be null");
		this.key = key;
		this.jdbc = jdbc;
	}

	@Override
	public void index(Subject subject, Kind kind, String value) {
		Assert.notNull(subject, "subject cannot be null");
		this.jdbc.sql("insert into vault_blind_index (kind, digest, subject_kind, subject_id) values (?, ?, ?, ?) "
				+ "on conflict do nothing")
			.params(kind.name(), digest(kind, value), subject.kind().code(), subject.id())
			.update();
	}

	@Override
	public void remove(Subject subject, Kind kind, String value) {
		Assert.notNull(subject, "subject cannot be null");
		this.jdbc.sql("delete from vault_blind_index where kind = ? and digest = ? and subject_kind = ? and subject_id = ?")
			.params(kind.name(), digest(kind, value), subject.kind().code(), subject.id())
			.update();
	}

	@Override
	public Set<Subject> lookup(Kind kind, String value) {
		return new LinkedHashSet<>(this.jdbc
			.sql("select subject_kind || ':' || subject_id from vault_blind_index where kind = ? and digest = ? "
					+ "order by 1")
			.params(kind.name(), digest(kind, value))
			.query(String.class)
			.list()
			.stream()
			.map(Subject::parse)
			.toList());
	}

	byte[] digest(Kind kind, String value) {
		Assert.notNull(kind, "kind cannot be null");
		Assert.notNull(value, "value cannot be null");
		String normalised = switch (kind) {
			case EMAIL -> EmailAddress.of(value).normalised();
			case PHONE -> PhoneNumber.of(value).e164();
		};
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key.keyFor(kind, InsecurePlaintextAccess.get()));
			return Arrays.copyOf(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8)), DIGEST_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is unavailable", ex);
		}
	}

}
