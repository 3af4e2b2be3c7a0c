package io.aiops.catalog.runner.status;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A CronJob schedule read as the Kubernetes CronJob controller reads it: robfig/cron v3's standard parser (five
 * fields: minute, hour, day of month, month, day of week; names JAN-DEC and SUN-SAT; ranges, steps, lists, {@code ?}
 * as {@code *}; {@code @yearly @annually @monthly @weekly @daily @midnight @hourly}) and its {@code Next} walk, ported
 * field by field, daylight-saving handling included. Day of month and day of week: when both are restricted a day
 * matching either runs; when either starts with {@code *} (without a step over 1) both must match.
 */
final class CronSchedule {
  private static final long STAR = 1L << 63;
  private static final Map<String, String> DESCRIPTORS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
      "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
      "@hourly", "0 * * * *");
  private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
      "oct", "nov", "dec");
  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");

  private final long minute;
  private final long hour;
  private final long dom;
  private final long month;
  private final long dow;

  private CronSchedule(String[] f) {
    minute = field(f[0], 0, 59, List.of(), 0);
    hour = field(f[1], 0, 23, List.of(), 0);
    dom = field(f[2], 1, 31, List.of(), 0);
    month = field(f[3], 1, 12, MONTHS, 1);
    dow = field(f[4], 0, 6, DAYS, 0);
  }

  /** Parses a CronJob's spec.schedule; an IllegalArgumentException says what is wrong, as the controller would. */
  static CronSchedule parse(String schedule) {
    String s = schedule == null ? "" : schedule.trim();
    if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
      throw new IllegalArgumentException("a time zone in the schedule is not supported: use spec.timeZone");
    }
    if (s.startsWith("@every")) {
      throw new IllegalArgumentException("@every has no fixed next run: it counts from the controller's last run");
    }
    if (s.startsWith("@")) {
      String expanded = DESCRIPTORS.get(s.toLowerCase(Locale.ROOT));
      if (expanded == null) {
        throw new IllegalArgumentException("unrecognized descriptor: " + s);
      }
      s = expanded;
    }
    String[] fields = s.isEmpty() ? new String[0] : s.split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException("expected exactly 5 fields (minute hour day-of-month month day-of-week), "
          + "found " + fields.length + ": '" + schedule + "'");
    }
    return new CronSchedule(fields);
  }

  /**
   * The first activation strictly after {@code after}, in {@code zone} (robfig's {@code SpecSchedule.Next}); empty
   * when there is none within five years (e.g. {@code 0 0 30 2 *}).
   */
  Optional<ZonedDateTime> next(ZonedDateTime after, ZoneId zone) {
    ZonedDateTime t = after.withZoneSameInstant(zone).plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
    boolean added = false;
    int yearLimit = t.getYear() + 5;
    wrap:
    while (t.getYear() <= yearLimit) {
      while ((1L << t.getMonthValue() & month) == 0) {
        if (!added) {
          added = true;
          t = ZonedDateTime.of(t.getYear(), t.getMonthValue(), 1, 0, 0, 0, 0, zone);
        }
        t = t.plusMonths(1);
        if (t.getMonthValue() == 1) {
          continue wrap;
        }
      }
      while (!dayMatches(t)) {
        if (!added) {
          added = true;
          t = t.toLocalDate().atStartOfDay(zone);
        }
        t = t.plusDays(1);
        // midnight may not exist (a DST change at 00:00): back to the day's first hour, as robfig does
        if (t.getHour() != 0) {
          t = t.getHour() > 12 ? t.plusHours(24L - t.getHour()) : t.minusHours(t.getHour());
        }
        if (t.getDayOfMonth() == 1) {
          continue wrap;
        }
      }
      while ((1L << t.getHour() & hour) == 0) {
        if (!added) {
          added = true;
          t = t.truncatedTo(ChronoUnit.HOURS);
        }
        t = t.plus(Duration.ofHours(1)); // absolute: an hour skipped by DST never matches that day
        if (t.getHour() == 0) {
          continue wrap;
        }
      }
      while ((1L << t.getMinute() & minute) == 0) {
        if (!added) {
          added = true;
          t = t.truncatedTo(ChronoUnit.MINUTES);
        }
        t = t.plus(Duration.ofMinutes(1));
        if (t.getMinute() == 0) {
          continue wrap;
        }
      }
      // seconds are always 0 in the standard parser
      if (t.getSecond() != 0) {
        t = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        continue wrap;
      }
      return Optional.of(t);
    }
    return Optional.empty();
  }

  private boolean dayMatches(ZonedDateTime t) {
    boolean domMatch = (1L << t.getDayOfMonth() & dom) != 0;
    boolean dowMatch = (1L << (t.getDayOfWeek().getValue() % 7) & dow) != 0;
    return (dom & STAR) != 0 || (dow & STAR) != 0 ? domMatch && dowMatch : domMatch || dowMatch;
  }

  /** One field: comma-separated ranges, robfig's getRange; names count from {@code nameBase}. */
  private static long field(String expr, int min, int max, List<String> names, int nameBase) {
    long bits = 0;
    for (String part : expr.split(",", -1)) {
      String[] rangeAndStep = part.split("/", -1);
      String[] lowAndHigh = rangeAndStep[0].split("-", -1);
      long extra = 0;
      int start;
      int end;
      if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
        start = min;
        end = max;
        extra = STAR;
      } else {
        start = value(lowAndHigh[0], names, nameBase, part);
        if (lowAndHigh.length == 1) {
          end = start;
        } else if (lowAndHigh.length == 2) {
          end = value(lowAndHigh[1], names, nameBase, part);
        } else {
          throw new IllegalArgumentException("too many hyphens: " + part);
        }
      }
      int step = 1;
      if (rangeAndStep.length == 2) {
        step = value(rangeAndStep[1], List.of(), 0, part);
        if (lowAndHigh.length == 1) { // "N/step" means "N-max/step"
          end = max;
        }
        if (step > 1) {
          extra = 0;
        }
      } else if (rangeAndStep.length > 2) {
        throw new IllegalArgumentException("too many slashes: " + part);
      }
      if (start < min) {
        throw new IllegalArgumentException("beginning of range (" + start + ") below minimum (" + min + "): " + expr);
      }
      if (end > max) {
        throw new IllegalArgumentException("end of range (" + end + ") above maximum (" + max + "): " + expr);
      }
      if (start > end) {
        throw new IllegalArgumentException("beginning of range (" + start + ") beyond end of range (" + end + "): "
            + expr);
      }
      if (step == 0) {
        throw new IllegalArgumentException("step of range should be a positive number: " + expr);
      }
      for (int v = start; v <= end; v += step) {
        bits |= 1L << v;
      }
      bits |= extra;
    }
    return bits;
  }

  private static int value(String text, List<String> names, int nameBase, String part) {
    int named = names.indexOf(text.toLowerCase(Locale.ROOT));
    if (named >= 0) {
      return named + nameBase;
    }
    if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 9) {
      throw new IllegalArgumentException("failed to parse int from '" + text + "' in '" + part + "'");
    }
    return Integer.parseInt(text);
  }
}
