package io.aiops.catalog.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.notebook.ParameterCell.Type;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterCellTest {
  @Test
  void readsTheTypeOfEachDefaultTheWayPapermillDoes() {
    Map<String, ParameterCell.Default> d = ParameterCell.parse(String.join("\n",
        "import os",
        "TRAINING_HOURS = 168  # a week",
        "RATE = 1e-3",
        "NAME = 'it''s' if False else \"x # not a comment\"",
        "LABEL = \"a # b\"  # the comment",
        "ON = True",
        "NOTHING = None",
        "HOURS = int(os.getenv('TRAINING_HOURS', '168'))",
        "SOURCE = os.getenv('DATA_SOURCE', 'hybrid')",
        "COLS = [1,",
        "        2]",
        "AFTER = 3",
        "    INDENTED = 4",
        "typed: int = 5",
        "x == 1"));
    assertThat(d.get("TRAINING_HOURS").type()).isEqualTo(Type.INT);
    assertThat(d.get("RATE").type()).isEqualTo(Type.FLOAT);
    assertThat(d.get("NAME").type()).isEqualTo(Type.UNKNOWN);
    assertThat(d.get("LABEL").type()).isEqualTo(Type.STR);
    assertThat(d.get("LABEL").expression()).isEqualTo("\"a # b\"");
    assertThat(d.get("ON").type()).isEqualTo(Type.BOOL);
    assertThat(d.get("NOTHING").type()).isEqualTo(Type.NONE);
    assertThat(d.get("HOURS").type()).isEqualTo(Type.INT);
    assertThat(d.get("SOURCE").type()).isEqualTo(Type.STR);
    assertThat(d.get("COLS").type()).isEqualTo(Type.UNKNOWN);
    assertThat(d.get("AFTER").type()).as("the line after a multi-line list").isEqualTo(Type.INT);
    assertThat(d).doesNotContainKeys("INDENTED", "x", "import");
    assertThat(d.get("typed").type()).isEqualTo(Type.INT);
  }
}
