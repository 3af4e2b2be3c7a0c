package io.aiops.catalog.gpu.preflight.checks;

import io.aiops.catalog.gpu.preflight.Fixtures;
import io.aiops.catalog.gpu.preflight.report.NodeReport;
import io.aiops.catalog.gpu.preflight.report.ReportFormats;
import io.aiops.catalog.step.check.Finding;
import io.aiops.catalog.step.check.Status;
import static io.aiops.catalog.gpu.preflight.Fixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** DCGM, bandwidthTest, iperf3, kernel log, clock-event and NVLink outputs judged. */
class ToolOutputsTest {

  @Test
  void dcgm3PassIsAllPass() {
    List<Finding> f = DcgmDiag.judge(text("dcgmi-diag-r1-j-dcgm3-pass-DERIVED.json"));
    assertThat(f).isNotEmpty().allMatch(x -> x.status() == Status.PASS);
  }

  @Test
  void dcgm3And4PcieFailFailOnGpu1OnlyWithDcgmsOwnText() {
    for (String file : List.of("dcgmi-diag-r2-j-dcgm3-pcie-fail-gpu1-DERIVED.json",
        "dcgmi-diag-r2-j-dcgm4-pcie-fail-gpu1-DERIVED.json")) {
      List<Finding> f = DcgmDiag.judge(text(file));
      assertThat(f).as(file).filteredOn(x -> x.status() != Status.PASS).singleElement().satisfies(x -> {
        assertThat(x.subject()).isEqualTo("1");
        assertThat(x.status()).isEqualTo(Status.FAIL);
        assertThat(x.message()).containsIgnoringCase("pcie").contains(
            "Bandwidth of GPU 1 in direction host to device of 3.21 did not exceed minimum required value of 12.00.");
      });
      assertThat(f).as(file).filteredOn(x -> "0".equals(x.subject())).isNotEmpty().allMatch(x -> x.status() == Status.PASS);
    }
  }

  @Test
  void dcgmRuntimeErrorTruncatedAndEmptyAreErrors() {
    String truncated = text("dcgmi-diag-r2-j-dcgm3-pcie-fail-gpu1-DERIVED.json").substring(0, 900);
    assertThat(DcgmDiag.judge(truncated)).singleElement().satisfies(x -> {
      assertThat(x.status()).isEqualTo(Status.ERROR);
      assertThat(x.message()).contains("not JSON");
    });
    assertThat(DcgmDiag.judge("")).singleElement().extracting(Finding::status).isEqualTo(Status.ERROR);
    assertThat(DcgmDiag.judge("{\"DCGM Diagnostic\":{\"runtime_error\":\"Unable to connect to host engine\"}}"))
        .singleElement().satisfies(x -> {
          assertThat(x.status()).isEqualTo(Status.ERROR);
          assertThat(x.message()).contains("Unable to connect to host engine");
        });
  }

  @Test
  void bandwidthTestTakesTheLargestTransferAndFailsUnderTheFloor() {
    String csv = text("cuda-bandwidthTest-csv-shmoo-htod-pinned-v100-pcie-real.txt");
    Finding pass = BandwidthTest.judge(csv, Optional.empty(), 4);
    assertThat(pass.status()).isEqualTo(Status.PASS);
    assertThat(pass.value()).isEqualTo(12.4);
    assertThat(pass.subject()).isEqualTo("0");
    Finding fail = BandwidthTest.judge(csv, Optional.of("3"), 13);
    assertThat(fail.status()).isEqualTo(Status.FAIL);
    assertThat(fail.message()).isEqualTo("12.4 GB/s host-to-device, under 13.0 GB/s");
    assertThat(fail.subject()).isEqualTo("3");
  }

  @Test
  void bandwidthTestEmptyTruncatedOrCudaErrorIsError() {
    String csv = text("cuda-bandwidthTest-csv-shmoo-htod-pinned-v100-pcie-real.txt");
    assertThat(BandwidthTest.judge(csv.substring(0, 2000), Optional.of("0"), 4).status()).isEqualTo(Status.ERROR);
    assertThat(BandwidthTest.judge("", Optional.of("0"), 4).status()).isEqualTo(Status.ERROR);
    Finding cuda = BandwidthTest.judge("[CUDA Bandwidth Test] - Starting...\ncudaGetDeviceProperties returned 100\n"
        + "-> no CUDA-capable device is detected\n", Optional.of("0"), 4);
    assertThat(cuda.status()).isEqualTo(Status.ERROR);
    assertThat(cuda.message()).contains("no CUDA-capable device is detected");
  }

  @Test
  void iperf3ErrorKeyFailsEvenThoughIperfExitedZero() {
    Finding refused = Iperf3Result.judge(text("iperf3-3.12-connection-refused-real.json"), "peer:5201", 0);
    assertThat(refused.status()).isEqualTo(Status.FAIL);
    assertThat(refused.message()).isEqualTo("iperf3: unable to connect to server: Connection refused");
    Finding ok = Iperf3Result.judge(text("iperf3-3.12-client-loopback-real.json"), "peer:5201", 0);
    assertThat(ok.status()).isEqualTo(Status.PASS);
    assertThat(ok.value()).isPositive();
    assertThat(Iperf3Result.judge(text("iperf3-3.12-client-loopback-real.json"), "p", 1e6).status())
        .isEqualTo(Status.FAIL);
    assertThat(Iperf3Result.judge("{\"start\":{", "p", 0).status()).isEqualTo(Status.ERROR);
    assertThat(Iperf3Result.judge("", "p", 0).status()).isEqualTo(Status.ERROR);
  }

  @Test
  void fatalXidFailsItsGpuAndApplicationXidsAreIgnored() {
    List<Finding> f = XidCheck.judge(text("kernel-log-xid-DERIVED.txt"), Thresholds.defaults(), "file");
    assertThat(f).singleElement().satisfies(x -> {
      assertThat(x.subject()).isEqualTo("0000:86:00");
      assertThat(x.status()).isEqualTo(Status.FAIL);
      assertThat(x.fatal()).isTrue();
      assertThat(x.message()).contains("Xid 79").contains("fallen off the bus");
    });
    String appOnly = text("kernel-log-xid-DERIVED.txt").lines().filter(l -> !l.contains(": 79,"))
        .reduce("", (a, b) -> a + b + "\n");
    assertThat(XidCheck.judge(appOnly, Thresholds.defaults(), "file")).singleElement().satisfies(x -> {
      assertThat(x.status()).isEqualTo(Status.PASS);
      assertThat(x.message()).contains("2 application Xids ignored");
    });
    Thresholds strict = Thresholds.defaults().withLimits(0, java.util.Set.of(13), java.util.Set.of(), 0);
    assertThat(XidCheck.judge(appOnly, strict, "file")).anyMatch(x -> x.status() == Status.FAIL);
  }

  @Test
  void clockEventCapturesPassAndLastingSlowdownFails() {
    String idle = text("nvidia-smi-query-gpu-csv-all-fields-h100x1-590-idle.csv");
    assertThat(ClockEventSamples.judge(idle, 0.6)).singleElement().extracting(Finding::status).isEqualTo(Status.PASS);
    assertThat(ClockEventSamples.judge(text("nvidia-smi-query-gpu-csv-all-fields-h100x1-590-load.csv"), 0.6))
        .singleElement().extracting(Finding::status).isEqualTo(Status.PASS);
    String[] lines = idle.split("\\R");
    String slow = activateHwSlowdown(lines[0], lines[1]);
    String once = lines[0] + "\n" + slow + "\n";
    assertThat(ClockEventSamples.judge(once, 0.6)).singleElement().satisfies(x -> {
      assertThat(x.status()).isEqualTo(Status.WARN);
      assertThat(x.message()).contains("hw_slowdown").contains("1 of 1 samples");
    });
    String lasting = once + (slow + "\n").repeat(6) + (lines[1] + "\n").repeat(3);
    assertThat(ClockEventSamples.judge(lasting, 0.6)).singleElement().satisfies(x -> {
      assertThat(x.status()).isEqualTo(Status.FAIL);
      assertThat(x.message()).contains("7 of 10 samples");
    });
    String passing = once + (lines[1] + "\n").repeat(9);
    assertThat(ClockEventSamples.judge(passing, 0.6)).singleElement().extracting(Finding::status)
        .isEqualTo(Status.WARN);
    assertThat(ClockEventSamples.judge(lines[0] + "\n" + lines[1].substring(0, 300), 0.6)).singleElement()
        .extracting(Finding::status).isEqualTo(Status.ERROR);
  }

  static String activateHwSlowdown(String header, String row) {
    List<String> h = List.of(header.split(","));
    String[] cells = row.split(",", -1);
    for (int i = 0; i < h.size(); i++) {
      if (h.get(i).strip().equals("clocks_event_reasons.hw_slowdown")) {
        cells[i] = " Active";
      }
    }
    return String.join(",", cells);
  }

  @Test
  void nvlinkCountsActiveLinksAgainstTheModelAndPcieCardsHaveNone() {
    String two = """
        GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-aaaa)
        \t Link 0: 26.562 GB/s
        \t Link 1: <inactive>
        GPU 1: NVIDIA H100 80GB HBM3 (UUID: GPU-bbbb)
        \t Link 0: 26.562 GB/s
        \t Link 1: 26.562 GB/s
        """;
    List<Finding> f = NvlinkStatus.judge(two, 2);
    assertThat(f).extracting(Finding::subject, Finding::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("0", Status.FAIL),
            org.assertj.core.groups.Tuple.tuple("1", Status.PASS));
    assertThat(NvlinkStatus.judge("GPU 0: NVIDIA A10 (UUID: GPU-cccc)\n", 0)).singleElement()
        .extracting(Finding::status).isEqualTo(Status.SKIP);
    assertThat(NvlinkStatus.judge("", 18)).singleElement().extracting(Finding::status).isEqualTo(Status.ERROR);
  }

  @Test
  void prometheusTextFoldsDuplicateSeriesAndEscapesLabels() {
    NodeReport r = new NodeReport("node-\"a\"", List.of(
        Finding.of("dcgm", "1", Status.PASS, "x"), Finding.of("dcgm", "1", Status.FAIL, "y"),
        Finding.measured("pciebw", "0", Status.PASS, "z", 12.4)));
    String prom = ReportFormats.prometheus(List.of(r));
    assertThat(prom).contains("gpu_preflight_check_status{node=\"node-\\\"a\\\"\",gpu=\"1\",check=\"dcgm\"} 3\n")
        .contains("gpu_preflight_check_value{node=\"node-\\\"a\\\"\",gpu=\"0\",check=\"pciebw\"} 12.4\n")
        .contains("gpu_preflight_node_verdict{node=\"node-\\\"a\\\"\"} 3\n");
    assertThat(prom.lines().filter(l -> l.startsWith("gpu_preflight_check_status{")).count()).isEqualTo(2);
  }
}
