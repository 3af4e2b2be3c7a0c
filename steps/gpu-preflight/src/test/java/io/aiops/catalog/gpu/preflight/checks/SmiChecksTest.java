package io.aiops.catalog.gpu.preflight.checks;

import io.aiops.catalog.gpu.preflight.Fixtures;
import io.aiops.catalog.gpu.preflight.report.NodeReport;
import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.check.Status;
import static io.aiops.catalog.gpu.preflight.Fixtures.of;
import static io.aiops.catalog.gpu.preflight.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** nvidia-smi -q captures judged GPU by GPU: the verdicts must be what each file shows. */
public class SmiChecksTest {
  public static final Judge JUDGE = new Judge(GpuProfiles.builtIn(), null, null, null, Thresholds.defaults());

  static NodeReport judge(String fixture) {
    return JUDGE.judge("n", new Inputs().nvidiaSmiQ(text(fixture)));
  }

  @Test
  void a10WithRowRemappingPendingFailsRemappedOnItsOnlyGpu() {
    NodeReport r = judge("nvidia-smi-q-a10-remapped-rows-pending.txt");
    List<Finding> remapped = of(r.findings(), "remapped");
    assertThat(remapped).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("00000000:07:00.0");
      assertThat(f.status()).isEqualTo(Status.FAIL);
      assertThat(f.message()).contains("pending").contains("4 uncorrectable");
      assertThat(f.fatal()).isFalse();
    });
    assertThat(of(r.findings(), "inventory")).singleElement().extracting(Finding::status).isEqualTo(Status.PASS);
    assertThat(of(r.findings(), "ecc")).singleElement().extracting(Finding::status).isEqualTo(Status.PASS);
    assertThat(of(r.findings(), "pcie-link")).singleElement().extracting(Finding::status).isEqualTo(Status.PASS);
    assertThat(r.verdict()).isEqualTo(Status.FAIL);
    assertThat(r.nodeStatus()).isEqualTo("REMAPPED Failed");
  }

  @Test
  void healthyH100NodePassesRemappedOnAllEightButWarnsSlowdownOnTheOneThrottledGpu() {
    NodeReport r = judge("nvidia-smi-q-h100x8-healthy.txt");
    assertThat(of(r.findings(), "remapped")).hasSize(8).allMatch(f -> f.status() == Status.PASS);
    List<Finding> slow = of(r.findings(), "slowdown");
    assertThat(slow).hasSize(8);
    assertThat(slow).filteredOn(f -> f.status() == Status.WARN).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("00000000:75:00.0");
      assertThat(f.message()).contains("HW Power Brake Slowdown").contains("SW Thermal Slowdown")
          .doesNotContain("HW Slowdown,");
    });
    assertThat(slow).filteredOn(f -> f.status() == Status.PASS).hasSize(7);
    assertThat(of(r.findings(), "inventory")).singleElement().satisfies(f -> {
      assertThat(f.status()).isEqualTo(Status.PASS);
      assertThat(f.message()).as("no count given: reported, not judged").contains("8 GPUs visible");
    });
    assertThat(of(r.findings(), "nvlink")).hasSize(8).allMatch(f -> f.status() == Status.PASS
        && f.message().contains("Completed"));
    assertThat(of(r.findings(), "ecc")).hasSize(8).allMatch(f -> f.status() == Status.PASS);
    assertThat(r.verdict()).isEqualTo(Status.WARN);
    assertThat(r.nodeStatus()).isEqualTo("Ok");
  }

  @Test
  void powerBrakeCaptureWarnsOnAllEight() {
    NodeReport r = judge("nvidia-smi-q-h100x8-hw-power-brake-slowdown-active.txt");
    assertThat(of(r.findings(), "slowdown")).hasSize(8).allSatisfy(f -> {
      assertThat(f.status()).isEqualTo(Status.WARN);
      assertThat(f.message()).contains("HW Slowdown").contains("HW Power Brake Slowdown");
    });
    assertThat(of(r.findings(), "remapped")).hasSize(8).allMatch(f -> f.status() == Status.PASS);
    assertThat(r.verdict()).isEqualTo(Status.WARN);
  }

  @Test
  void truncatedCaptureIsAnErrorNeverAPass() {
    NodeReport r = judge("nvidia-smi-q-truncated-DERIVED.txt");
    assertThat(of(r.findings(), "inventory")).singleElement().satisfies(f -> {
      assertThat(f.status()).isEqualTo(Status.ERROR);
      assertThat(f.message()).contains("says 8 GPUs, 1 listed");
    });
    assertThat(of(r.findings(), "remapped")).singleElement().extracting(Finding::status).isEqualTo(Status.ERROR);
    assertThat(r.verdict()).isEqualTo(Status.ERROR);
  }

  @Test
  void emptyAndUnparsableOutputsAreErrors() {
    for (String junk : List.of("", "Segmentation fault (core dumped)\n", "{\"not\": \"nvidia-smi\"}")) {
      NodeReport r = JUDGE.judge("n", new Inputs().nvidiaSmiQ(junk));
      assertThat(r.verdict()).as(junk).isEqualTo(Status.ERROR);
      assertThat(r.findings()).as(junk).noneMatch(f -> f.status() == Status.PASS);
    }
  }

  @Test
  void lostGpuFailsInventoryAndMarksTheNodeForEviction() {
    NodeReport r = judge("nvidia-smi-q-gpu-lost-DERIVED.txt");
    assertThat(of(r.findings(), "inventory")).singleElement().satisfies(f -> {
      assertThat(f.status()).isEqualTo(Status.FAIL);
      assertThat(f.fatal()).isTrue();
      assertThat(f.message()).contains("GPU is lost");
    });
    assertThat(r.verdict()).isEqualTo(Status.FAIL);
    assertThat(r.fatal()).isTrue();
  }

  @Test
  void aGpuMissingFromNvidiaSmiButOnThePciBusFails() {
    String lspci = "18:00.0 3D controller: NVIDIA Corporation GH100 [H100 SXM5 80GB] (rev a1)\n".repeat(9)
        + "05:00.0 Bridge: NVIDIA Corporation Device 22a3 (rev a1)\n";
    Finding f = InventoryCheck.judge(SmiQuery.parse(text("nvidia-smi-q-h100x8-healthy.txt")), Optional.of(lspci), 8);
    assertThat(f.status()).isEqualTo(Status.FAIL);
    assertThat(f.fatal()).isTrue();
    assertThat(f.message()).contains("lspci sees 9 NVIDIA GPUs, nvidia-smi 8");
  }

  @Test
  void fewerGpusThanExpectedFails() {
    NodeReport r = new Judge(GpuProfiles.builtIn(), 2, null, null, Thresholds.defaults())
        .judge("n", new Inputs().nvidiaSmiQ(text("nvidia-smi-q-a10-remapped-rows-pending.txt")));
    assertThat(of(r.findings(), "inventory")).singleElement().satisfies(f -> {
      assertThat(f.status()).isEqualTo(Status.FAIL);
      assertThat(f.message()).isEqualTo("1 GPU visible, 2 expected");
    });
  }

  @Test
  void theGpuModelNeverSaysHowManyGpusANodeHas() {
    // an H100 node may hold 1 GPU: the built-in H100 profile once said 8 and failed every single-GPU H100 node
    Judge judge = new Judge(GpuProfiles.builtIn(), null, null, null, Thresholds.defaults());
    Thresholds t = judge.thresholds(SmiQuery.parse(text("nvidia-smi-q-h100x8-healthy.txt")));
    assertThat(t.expectedGpus()).isNull();
    assertThat(t.expectedNvlinks()).as("the model still gives the NVLinks").isEqualTo(18);
    assertThat(t.pcieMinGbps()).isEqualTo(20.0);
    Thresholds given = new Judge(GpuProfiles.builtIn(), 9, null, null, Thresholds.defaults())
        .thresholds(SmiQuery.parse(text("nvidia-smi-q-h100x8-healthy.txt")));
    assertThat(given.expectedGpus()).isEqualTo(9);
  }

  @Test
  void remappedRowsNotApplicableOnOlderGpusIsSkipNotFail() {
    String older = text("nvidia-smi-q-a10-remapped-rows-pending.txt").replaceAll(
        "(?s)    Remapped Rows\\n.*?(?=    Temperature)", "    Remapped Rows                         : N/A\n");
    NodeReport r = JUDGE.judge("n", new Inputs().nvidiaSmiQ(older));
    assertThat(of(r.findings(), "remapped")).singleElement().extracting(Finding::status).isEqualTo(Status.SKIP);
    assertThat(r.verdict()).isEqualTo(Status.PASS);
  }

  @Test
  void remapFailureAndUncorrectedEccAndNarrowLinkFail() {
    String bad = text("nvidia-smi-q-a10-remapped-rows-pending.txt")
        .replace("Remapping Failure Occurred        : No", "Remapping Failure Occurred        : Yes")
        .replace("DRAM Uncorrectable            : 0\n        Aggregate", "DRAM Uncorrectable            : 2\n        Aggregate")
        .replace("Current                   : 16x", "Current                   : 8x");
    NodeReport r = JUDGE.judge("n", new Inputs().nvidiaSmiQ(bad));
    assertThat(of(r.findings(), "remapped")).singleElement().matches(f -> f.fatal() && f.status() == Status.FAIL);
    assertThat(of(r.findings(), "ecc")).singleElement().matches(f -> f.status() == Status.FAIL);
    assertThat(of(r.findings(), "pcie-link")).singleElement().satisfies(f -> {
      assertThat(f.status()).isEqualTo(Status.FAIL);
      assertThat(f.message()).isEqualTo("link width x8 below its max x16");
    });
    assertThat(r.fatal()).isTrue();
  }

  @Test
  void eccDisabledWarns() {
    String off = text("nvidia-smi-q-a10-remapped-rows-pending.txt")
        .replace("    ECC Mode\n        Current                           : Enabled",
            "    ECC Mode\n        Current                           : Disabled");
    assertThat(of(JUDGE.judge("n", new Inputs().nvidiaSmiQ(off)).findings(), "ecc")).singleElement()
        .extracting(Finding::status).isEqualTo(Status.WARN);
  }
}
