package jp.mamori.audit.internal;

import jp.mamori.audit.LogIntegrity;
import jp.mamori.audit.Verification;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.util.Assert;

/**
 * {@code GET /actuator/auditlog} on the management port: verifies the operation log and answers with
 * the result. Security decision: the management server listens on 127.0.0.1 only, and the result
 * holds sequence numbers and entry identifiers, never an entry's content.
 */
@Endpoint(id = "auditlog")
final class AuditLogEndpoint {

	private final LogIntegrity integrity;

	AuditLogEndpoint(LogIntegrity integrity) {
		Assert.notNull(integrity, "integrity cannot be null");
		this.integrity = integrity;
	}

	@ReadOperation
	public Verification verify() {
		return this.integrity.verify();
	}

}
