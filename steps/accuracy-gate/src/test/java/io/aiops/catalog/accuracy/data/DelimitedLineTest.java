package io.aiops.catalog.accuracy.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DelimitedLineTest {
  private static DelimitedLine split(String text) {
    DelimitedLine line = new DelimitedLine(new BufferedReader(new StringReader("")), "test.csv", false);
    line.split(text);
    return line;
  }

  @Test
  void numbersReadInPlaceAreWhatParseDoubleMakesOfThem() {
    String[] fields = {"0.731", "-12", " 3.5 ", "1.", ".25", "-0", "+7.125", "1e-5", "1.5E3", "Infinity",
        "0.1000000000000000055511151231257827", "9007199254740993", "123456789.123456789", "0x1p3"};
    DelimitedLine line = split(String.join(",", fields));
    for (int i = 0; i < fields.length; i++) {
      assertThat(line.number(i)).as(fields[i]).isEqualTo(Double.parseDouble(fields[i].trim()));
    }
  }

  @Test
  void randomDecimalsAreExact() {
    Random random = new Random(3);
    StringBuilder text = new StringBuilder();
    String[] values = new String[2000];
    for (int i = 0; i < values.length; i++) {
      values[i] = String.format("%." + random.nextInt(12) + "f", (random.nextDouble() - 0.5) * Math.pow(10,
          random.nextInt(8)));
      text.append(i == 0 ? "" : ",").append(values[i]);
    }
    DelimitedLine line = split(text.toString());
    for (int i = 0; i < values.length; i++) {
      assertThat(line.number(i)).as(values[i]).isEqualTo(Double.parseDouble(values[i]));
    }
  }

  @Test
  void notANumberFailsAsParseDoubleDoes() {
    DelimitedLine line = split("abc,,-,1.2.3");
    for (int i = 0; i < 4; i++) {
      int field = i;
      assertThatThrownBy(() -> line.number(field)).isInstanceOf(NumberFormatException.class);
    }
  }

  @Test
  void labelsAreTrimmedAndTheSameStringEachTime() {
    DelimitedLine line = split(" 1 ,0,1.0");
    String first = line.label(0);
    assertThat(first).isEqualTo("1");
    assertThat(line.label(1)).isEqualTo("0");
    assertThat(line.label(2)).isEqualTo("1.0");
    line.split(" 1 ,0,x");
    assertThat(line.label(0)).isSameAs(first);
    assertThat(line.label(2)).isEqualTo("x");
  }
}
