package io.aiops.catalog.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {
  @Test
  void readsTheWaysUsersWriteDurations() {
    assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationConverter.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(DurationConverter.parse("pt90s")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void explainsABadOne() {
    assertThatThrownBy(() -> DurationConverter.parse("2 minutes")).isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("'2 minutes' is not a duration");
  }
}
