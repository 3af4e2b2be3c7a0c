package io.aiops.catalog.trustyai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiops.catalog.step.StepException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupFileTest {
  @TempDir Path dir;

  @Test
  void readsASeedFormatBackupAsVersion0() throws Exception {
    Path f = Files.writeString(dir.resolve("old.json"), """
        {"requests":[{"id":"a","request":{"modelId":"m","metricName":"SPD","protectedAttribute":"g",
        "outcomeName":"y","privilegedAttribute":{"type":"INT32","value":1},
        "unprivilegedAttribute":{"type":"INT32","value":0},"favorableOutcome":{"type":"INT32","value":1}}}]}""");

    BackupFile backup = BackupFile.read(f);

    assertThat(backup.formatVersion()).isZero();
    assertThat(backup.requests()).singleElement().extracting(ScheduledRequest::metricName).isEqualTo("SPD");
  }

  @Test
  void malformedJsonNamesLineAndColumn() throws Exception {
    Path f = Files.writeString(dir.resolve("bad.json"), "{\"requests\": [\n  {\"id\": }\n]}");

    assertThatThrownBy(() -> BackupFile.read(f)).isInstanceOf(StepException.class)
        .hasMessageContaining("not valid JSON (line 2");
  }

  @Test
  void unknownMetricNamesTheEntryAndField() throws Exception {
    Path f = Files.writeString(dir.resolve("b.json"),
        "{\"requests\":[{\"id\":\"x1\",\"request\":{\"modelId\":\"m\",\"metricName\":\"BOGUS\"}}]}");

    assertThatThrownBy(() -> BackupFile.read(f)).isInstanceOf(StepException.class)
        .hasMessageContaining("requests[0] (id x1)").hasMessageContaining("request.metricName")
        .hasMessageContaining("BOGUS");
  }

  @Test
  void missingFairnessFieldIsNamed() throws Exception {
    Path f = Files.writeString(dir.resolve("b.json"),
        "{\"requests\":[{\"id\":\"x1\",\"request\":{\"modelId\":\"m\",\"metricName\":\"DIR\"}}]}");

    assertThatThrownBy(() -> BackupFile.read(f)).hasMessageContaining("request.protectedAttribute");
  }

  @Test
  void aNewerFormatIsRefused() throws Exception {
    Path f = Files.writeString(dir.resolve("b.json"), "{\"formatVersion\":9,\"requests\":[]}");

    assertThatThrownBy(() -> BackupFile.read(f)).hasMessageContaining("formatVersion 9");
  }
}
