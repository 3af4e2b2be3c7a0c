package io.aiops.catalog.runner.status;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A CronJob's schedule as the Kubernetes controller reads it (robfig/cron's standard parser): five fields, names for
 * months and days, the @-descriptors, and its day rule: when both day-of-month and day-of-week are restricted, a day
 * matching either runs; when one of them is {@code *}, both must match.
 */
final class CronSchedule {
  private static final Map<String, String> DESCRIPTORS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
      "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
      "@hourly", "0 * * * *");
  private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
      "oct", "nov", "dec");
  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
  /** How far ahead to look: a schedule like "0 0 30 2 *" never runs. */
  private static final int MAX_DAYS = 366 * 5;

  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean domStar;
  private final boolean dowStar;

  private CronSchedule(String[] f) {
    minutes = field(f[0], 0, 59, List.of());
    hours = field(f[1], 0, 23, List.of());
    daysOfMonth = field(f[2], 1, 31, List.of());
    months = field(f[3], 1, 12, MONTHS);
    daysOfWeek = field(f[4], 0, 7, DAYS);
    if (daysOfWeek.get(7)) {
      daysOfWeek.set(0);
    }
    domStar = f[2].equals("*") || f[2].equals("?");
    dowStar = f[4].equals("*") || f[4].equals("?");
  }

  /** Parses a schedule; throws IllegalArgumentException naming what is wrong. */
  static CronSchedule parse(String schedule) {
    String s = schedule.trim();
    if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
      throw new IllegalArgumentException("a time zone in the schedule is not allowed: use spec.timeZone");
    }
    s = DESCRIPTORS.getOrDefault(s.toLowerCase(Locale.ROOT), s);
    String[] fields = s.split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException("expected 5 fields (minute hour day-of-month month day-of-week), got "
          + fields.length + " in '" + schedule + "'");
    }
    return new CronSchedule(fields);
  }

  /** The first run strictly after {@code after}, in {@code zone}; empty when none within five years. */
  Optional<ZonedDateTime> next(ZonedDateTime after, ZoneId zone) {
    ZonedDateTime from = after.withZoneSameInstant(zone);
    LocalDate day = from.toLocalDate();
    for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
      if (!months.get(day.getMonthValue()) || !dayMatches(day)) {
        continue;
      }
      for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
        for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
          LocalDateTime local = LocalDateTime.of(day, LocalTime.of(h, m));
          // a time inside a DST gap does not exist that day: the controller skips it
          if (!zone.getRules().isValidOffset(local, zone.getRules().getOffset(local))) {
            continue;
          }
          ZonedDateTime candidate = ZonedDateTime.of(local, zone);
          if (candidate.isAfter(from)) {
            return Optional.of(candidate.truncatedTo(ChronoUnit.MINUTES));
          }
        }
      }
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDate day) {
    boolean dom = daysOfMonth.get(day.getDayOfMonth());
    boolean dow = daysOfWeek.get(day.getDayOfWeek() == DayOfWeek.SUNDAY ? 0 : day.getDayOfWeek().getValue());
    return domStar || dowStar ? dom && dow : dom || dow;
  }

  private static BitSet field(String expr, int min, int max, List<String> names) {
    BitSet bits = new BitSet(max + 1);
    for (String part : expr.split(",")) {
      String[] rangeStep = part.split("/", -1);
      if (rangeStep.length > 2) {
        throw new IllegalArgumentException("'" + part + "' has more than one /");
      }
      int step = rangeStep.length == 2 ? number(rangeStep[1], List.of(), 1, Integer.MAX_VALUE) : 1;
      int lo;
      int hi;
      if (rangeStep[0].equals("*") || rangeStep[0].equals("?")) {
        lo = min;
        hi = max;
      } else {
        String[] bounds = rangeStep[0].split("-", -1);
        lo = number(bounds[0], names, min, max);
        hi = bounds.length == 2 ? number(bounds[1], names, min, max) : (rangeStep.length == 2 ? max : lo);
        if (bounds.length > 2 || hi < lo) {
          throw new IllegalArgumentException("'" + part + "' is not a range from low to high");
        }
      }
      for (int v = lo; v <= hi; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int number(String s, List<String> names, int min, int max) {
    int named = names.indexOf(s.toLowerCase(Locale.ROOT));
    int v;
    if (named >= 0) {
      v = names.size() == 12 ? named + 1 : named;
    } else {
      try {
        v = Integer.parseInt(s);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + s + "' is not a number" + (names.isEmpty() ? "" : " or a name"));
      }
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(v + " is out of range " + min + "-" + max);
    }
    return v;
  }
}
