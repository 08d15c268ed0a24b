package jp.mamori.platform;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Japan's time zone, the one in which Mamori shows every time to people (times are stored in UTC).
 * Japan keeps no daylight-saving time, so {@code Asia/Tokyo} is always nine hours ahead of UTC.
 */
public final class JapanTime {

	/** The zone of every time shown to customers, staff and operators. */
	public static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

	private JapanTime() {
	}

	/** @return {@code instant} as a date and time in Japan */
	public static ZonedDateTime of(Instant instant) {
		return instant.atZone(ZONE);
	}

}
