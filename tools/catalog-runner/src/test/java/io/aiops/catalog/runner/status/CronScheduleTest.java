package io.aiops.catalog.runner.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Next run times as the CronJob controller computes them (robfig/cron standard parser). */
class CronScheduleTest {
  static final ZoneId UTC = ZoneId.of("Etc/UTC");

  static String next(String schedule, String after, String zone) {
    ZoneId z = ZoneId.of(zone);
    return CronSchedule.parse(schedule).next(ZonedDateTime.parse(after), z).orElseThrow().toString();
  }

  @Test
  void theSeedsWeeklyAndMonthlySchedules() {
    // Wednesday 2026-12-02 -> Sunday 2026-12-06 02:00
    assertThat(next("0 2 * * 0", "2026-12-02T11:00:00Z", "Etc/UTC")).isEqualTo("2026-12-06T02:00Z[Etc/UTC]");
    assertThat(next("0 2 * * SUN", "2026-12-06T02:00:00Z", "Etc/UTC")).isEqualTo("2026-12-13T02:00Z[Etc/UTC]");
    assertThat(next("@monthly", "2026-12-02T11:00:00Z", "Etc/UTC")).isEqualTo("2027-01-01T00:00Z[Etc/UTC]");
    assertThat(next("0 3 1 * *", "2027-01-31T23:00:00Z", "Etc/UTC")).isEqualTo("2027-02-01T03:00Z[Etc/UTC]");
  }

  @Test
  void dayOfMonthAndDayOfWeekBothRestrictedMeansEither() {
    // the 13th or any Friday: from Monday 2026-12-07 the first is Friday 11th
    assertThat(next("0 0 13 * 5", "2026-12-07T00:00:00Z", "Etc/UTC")).isEqualTo("2026-12-11T00:00Z[Etc/UTC]");
    // with day-of-month *, both must match: Fridays only
    assertThat(next("0 0 * * 5", "2026-12-11T00:00:00Z", "Etc/UTC")).isEqualTo("2026-12-18T00:00Z[Etc/UTC]");
    // */2 in day-of-month is not a star: either rule again
    assertThat(next("0 0 */10 * 5", "2026-12-02T00:00:00Z", "Etc/UTC")).isEqualTo("2026-12-04T00:00Z[Etc/UTC]");
  }

  @Test
  void theTimeZoneAndItsDaylightSavingChanges() {
    // 02:30 does not exist in Berlin on 2027-03-28 (clocks jump 02:00 -> 03:00): that day is skipped
    assertThat(next("30 2 * * *", "2027-03-27T12:00:00Z", "Europe/Berlin"))
        .isEqualTo("2027-03-29T02:30+02:00[Europe/Berlin]");
    assertThat(next("0 3 * * 0", "2026-12-05T23:00:00Z", "America/New_York"))
        .isEqualTo("2026-12-06T03:00-05:00[America/New_York]");
  }

  @Test
  void rangesStepsListsAndNames() {
    assertThat(next("*/15 9-17 * JAN-MAR MON-FRI", "2027-01-01T17:50:00Z", "Etc/UTC"))
        .as("2027-01-01 is a Friday, 17:50 is past 17:45: Monday 09:00").isEqualTo("2027-01-04T09:00Z[Etc/UTC]");
    assertThat(next("5,35 * * * 7", "2026-12-06T10:06:00Z", "Etc/UTC")).isEqualTo("2026-12-06T10:35Z[Etc/UTC]");
  }

  @Test
  void badSchedulesSayWhatIsWrongAndImpossibleOnesNeverRun() {
    assertThatThrownBy(() -> CronSchedule.parse("0 2 * *")).hasMessageContaining("expected 5 fields");
    assertThatThrownBy(() -> CronSchedule.parse("0 25 * * *")).hasMessageContaining("25 is out of range 0-23");
    assertThatThrownBy(() -> CronSchedule.parse("CRON_TZ=UTC 0 2 * * *")).hasMessageContaining("spec.timeZone");
    assertThat(CronSchedule.parse("0 0 30 2 *").next(ZonedDateTime.parse("2026-12-02T00:00:00Z"), UTC)).isEmpty();
  }
}
