package io.aiops.catalog.runner.status;

import io.aiops.catalog.step.DurationConverter;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A window as people write one: {@code 30d}, {@code 2w}, or any duration the steps take ({@code 48h}, {@code 90m}). */
final class SinceConverter implements ITypeConverter<Duration> {
  private static final Pattern DAYS = Pattern.compile("(\\d{1,5})([dw])");

  @Override
  public Duration convert(String value) {
    Matcher m = DAYS.matcher(value.trim());
    Duration d;
    try {
      d = m.matches() ? Duration.ofDays(Long.parseLong(m.group(1)) * (m.group(2).equals("w") ? 7 : 1))
          : DurationConverter.parse(value);
    } catch (TypeConversionException e) {
      throw new TypeConversionException("'" + value + "' is not a window: write e.g. 30d, 2w, 48h or 90m");
    }
    if (d.isZero() || d.isNegative()) {
      throw new TypeConversionException("'" + value + "' is not a window: give a positive duration, e.g. 30d");
    }
    return d;
  }
}
