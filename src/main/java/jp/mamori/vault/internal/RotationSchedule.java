package jp.mamori.vault.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.mamori.vault.KeyRotation;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.Assert;

/** Runs a rotation round now and then; tests call {@link KeyRotation#runOnce()} themselves. */
final class RotationSchedule {

	private static final Logger logger = LoggerFactory.getLogger(RotationSchedule.class);

	private final KeyRotation rotation;

	RotationSchedule(KeyRotation rotation) {
		Assert.notNull(rotation, "rotation cannot be null");
		this.rotation = rotation;
	}

	@Scheduled(fixedDelayString = "${mamori.vault.rotation-interval:10m}",
			initialDelayString = "${mamori.vault.rotation-interval:10m}")
	void round() {
		try {
			KeyRotation.Progress progress = this.rotation.runOnce();
			if (progress.valuesReencrypted() > 0 || progress.keysRetired() > 0 || progress.subjectsRotated() > 0) {
				logger.info("Key rotation round: {}", progress);
			}
		}
		catch (RuntimeException ex) {
			logger.error("A key rotation round failed; the next round resumes from the database", ex);
		}
	}

}
