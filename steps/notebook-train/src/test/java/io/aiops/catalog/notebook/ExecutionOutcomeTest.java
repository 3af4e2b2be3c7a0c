package io.aiops.catalog.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.notebook.ExecutionOutcome.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel watch's record, as collect reads it, against what nbconvert left (no executed notebook). */
class ExecutionOutcomeTest {
  static final String DEAD = "[NbConvertApp] ERROR | Kernel died while waiting for execute reply.\n"
      + "nbclient.exceptions.DeadKernelError: Kernel died\n";
  static final ExecutionOutcome.Limits LIMITS = new ExecutionOutcome.Limits(60, 3600, 10);

  @TempDir Path dir;

  @Test
  void nbconvertItselfKilledBySigkillIsOomKilledAtTheCellTheWatchLastSaw() throws Exception {
    // the OOM killer may pick nbconvert: the step's exit code is 137 and the kernel never reported its death
    KernelState kernel = state("{\"cell\": 5, \"oomKillsBefore\": 0}");
    ExecutionOutcome o = ExecutionOutcome.classify(Optional.empty(), "", OptionalInt.of(137), LIMITS, kernel);

    assertThat(o.kind()).isEqualTo(Kind.OOM_KILLED);
    assertThat(o.message()).isEqualTo("jupyter nbconvert was OOM-killed (exit 137: killed by SIGKILL, as the OOM "
        + "killer does) at cell 5: raise the train task's memory limit (taskRunSpecs computeResources) or reduce "
        + "the window");
  }

  @Test
  void theCgroupsCountIsTheEvidenceWhenItRose() throws Exception {
    KernelState kernel = state("{\"cell\": 2, \"oomKillsBefore\": 3, \"exitCode\": -9, \"oomKillsAfter\": 4}");
    ExecutionOutcome o = ExecutionOutcome.classify(Optional.empty(), DEAD, OptionalInt.of(1), LIMITS, kernel);

    assertThat(o.kind()).isEqualTo(Kind.OOM_KILLED);
    assertThat(o.message()).startsWith("the notebook kernel was OOM-killed (exit 137, the step's cgroup counted 1 "
        + "OOM kill(s)) at cell 2: raise");
  }

  @Test
  void withoutTheWatchsRecordADeadKernelKeepsTheGenericMessage() {
    ExecutionOutcome o = ExecutionOutcome.classify(Optional.empty(), DEAD, OptionalInt.of(1), LIMITS,
        KernelState.read(dir.resolve("absent.json")));

    assertThat(o.kind()).isEqualTo(Kind.KERNEL_DIED);
    assertThat(o.message()).startsWith("the kernel died while a cell ran (most often OOM-killed");
  }

  @Test
  void aKernelThatExitedWithAStatusIsNotCalledOomKilled() throws Exception {
    KernelState kernel = state("{\"cell\": 4, \"oomKillsBefore\": 0, \"exitCode\": 3, \"oomKillsAfter\": 0}");
    ExecutionOutcome o = ExecutionOutcome.classify(Optional.empty(), DEAD, OptionalInt.of(1), LIMITS, kernel);

    assertThat(o.kind()).isEqualTo(Kind.KERNEL_DIED);
    assertThat(o.message()).startsWith("the notebook kernel died at cell 4 with status 3 (exit 3), not killed for "
        + "memory");
  }

  @Test
  void aBrokenStateFileIsNoEvidence() throws Exception {
    assertThat(state("{\"cell\": ")).isEqualTo(KernelState.UNKNOWN);
    assertThat(state("[1]")).isEqualTo(KernelState.UNKNOWN);
  }

  private KernelState state(String json) throws Exception {
    return KernelState.read(Files.writeString(dir.resolve("kernel-state.json"), json));
  }
}
