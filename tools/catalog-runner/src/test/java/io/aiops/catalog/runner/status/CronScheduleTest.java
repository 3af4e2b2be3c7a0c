package io.aiops.catalog.runner.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Next runs as the Kubernetes CronJob controller (robfig/cron v3, standard parser) computes them. Expected values
 * are worked out by hand from a calendar (2026-12-02 is a Wednesday; US DST starts 2027-03-14 and ended 2026-11-01).
 */
class CronScheduleTest {
  static final ZoneId UTC = ZoneId.of("Etc/UTC");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @ParameterizedTest(name = "{0} after {1} -> {2}")
  @CsvSource(delimiter = '|', value = {
      // the shipped retraining CronJobs: Sundays 02:00 and 03:00 UTC
      "0 2 * * 0           | 2026-12-02T14:17:00Z | 2026-12-06T02:00Z",
      "0 3 * * 0           | 2026-12-06T02:00:00Z | 2026-12-06T03:00Z",
      // strictly after: a schedule due now is next due a week later
      "0 2 * * 0           | 2026-12-06T02:00:00Z | 2026-12-13T02:00Z",
      "@weekly             | 2026-12-02T14:17:00Z | 2026-12-06T00:00Z",
      "@monthly            | 2026-12-02T14:17:00Z | 2027-01-01T00:00Z",
      "@yearly             | 2026-12-02T14:17:00Z | 2027-01-01T00:00Z",
      "@annually           | 2026-12-02T14:17:00Z | 2027-01-01T00:00Z",
      "@daily              | 2026-12-02T14:17:00Z | 2026-12-03T00:00Z",
      "@midnight           | 2026-12-02T14:17:00Z | 2026-12-03T00:00Z",
      "@hourly             | 2026-12-02T14:17:00Z | 2026-12-02T15:00Z",
      // ranges, steps and lists; Friday 17:50 -> Monday 09:00
      "*/15 9-17 * * 1-5   | 2026-12-04T17:50:00Z | 2026-12-07T09:00Z",
      "*/15 9-17 * * 1-5   | 2026-12-04T16:50:00Z | 2026-12-04T17:00Z",
      "5,35 * * * *        | 2026-12-02T14:17:00Z | 2026-12-02T14:35Z",
      // N/step is N-max/step: minutes 10, 30, 50
      "10/20 * * * *       | 2026-12-02T14:31:00Z | 2026-12-02T14:50Z",
      "1-5/2 0 * * *       | 2026-12-02T00:01:30Z | 2026-12-02T00:03Z",
      // names, any case
      "0 3 * JAN,jul Sun   | 2026-12-02T14:17:00Z | 2027-01-03T03:00Z",
      "0 0 * * MON-wed     | 2026-12-02T14:17:00Z | 2026-12-07T00:00Z",
      // day of month and day of week both restricted: either (Friday 12-04 comes before the 13th)
      "0 0 13 * 5          | 2026-12-02T14:17:00Z | 2026-12-04T00:00Z",
      // one of them *: both must match, so only the 13th
      "0 0 13 * *          | 2026-12-02T14:17:00Z | 2026-12-13T00:00Z",
      "0 0 13 * ?          | 2026-12-02T14:17:00Z | 2026-12-13T00:00Z",
      // */1 is still a star, */2 is a restriction (robfig drops the star bit for a step over 1): Thursday 12-03
      "0 0 13 * */1        | 2026-12-02T14:17:00Z | 2026-12-13T00:00Z",
      "0 0 13 * */2        | 2026-12-02T14:17:00Z | 2026-12-03T00:00Z",
      // leap day
      "0 0 29 2 *          | 2026-12-02T14:17:00Z | 2028-02-29T00:00Z",
  })
  void nextRunInUtc(String schedule, String after, String expected) {
    assertThat(next(schedule, after, UTC)).contains(ZonedDateTime.parse(expected).withZoneSameInstant(UTC));
  }

  @Test
  void theTimeZoneDecidesTheHour() {
    // 02:00 in New York in December is 07:00 UTC
    assertThat(next("0 2 * * *", "2026-12-02T14:17:00Z", NEW_YORK))
        .contains(ZonedDateTime.parse("2026-12-03T02:00-05:00[America/New_York]"));
  }

  @Test
  void aTimeSkippedBySpringForwardDoesNotRunThatDay() {
    // 2027-03-14 02:30 does not exist in New York: robfig (and so the controller) runs next on the 15th
    assertThat(next("30 2 * * *", "2027-03-13T17:00:00Z", NEW_YORK))
        .contains(ZonedDateTime.parse("2027-03-15T02:30-04:00[America/New_York]"));
  }

  @Test
  void aTimeRepeatedByFallBackRunsTwice() {
    // 2026-11-01 01:30 happens at -04:00 and again at -05:00; robfig's walk finds the second one
    assertThat(next("30 1 * * *", "2026-11-01T05:30:00Z", NEW_YORK))
        .contains(ZonedDateTime.parse("2026-11-01T01:30-05:00[America/New_York]"));
  }

  @Test
  void aScheduleThatNeverFiresHasNoNextRun() {
    assertThat(next("0 0 30 2 *", "2026-12-02T14:17:00Z", UTC)).isEmpty();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "0 2 * * 7          | end of range (7) above maximum (6)",
      "61 * * * *         | end of range (61) above maximum (59)",
      "0 0 0 * *          | beginning of range (0) below minimum (1)",
      "5-1 * * * *        | beginning of range (5) beyond end of range (1)",
      "*/0 * * * *        | step of range should be a positive number",
      "0 2 * *            | expected exactly 5 fields",
      "0 0 2 * * *        | expected exactly 5 fields",
      "TZ=UTC 0 2 * * *   | time zone in the schedule",
      "@every 1h          | @every",
      "@fortnightly       | unrecognized descriptor",
      "0 2 * * sunday     | failed to parse int from 'sunday'",
      "1-2-3 * * * *      | too many hyphens",
      "1/2/3 * * * *      | too many slashes",
  })
  void badSchedulesSayWhatIsWrong(String schedule, String message) {
    assertThatThrownBy(() -> CronSchedule.parse(schedule)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  private static Optional<ZonedDateTime> next(String schedule, String after, ZoneId zone) {
    return CronSchedule.parse(schedule).next(ZonedDateTime.parse(after), zone);
  }
}
