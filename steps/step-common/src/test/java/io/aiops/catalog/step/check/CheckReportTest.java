package io.aiops.catalog.step.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.step.StepExit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckReportTest {
  @Test
  void aRunWhoseChecksPassOrWarnExitsZeroWithTheWorstAsVerdict() {
    CheckReport report = CheckReport.of(List.of(Finding.pass("isvc", "exists"), Finding.warn("pods", "1 restart"),
        Finding.skip("ecc", "no ECC on this GPU")));

    assertThat(report.verdict()).isEqualTo(Status.WARN);
    assertThat(report.exitCode()).isEqualTo(StepExit.OK);
  }

  @Test
  void aCheckThatCouldNotRunExitsFourAndIsNeverAPass() {
    CheckReport report = CheckReport.of(List.of(Finding.pass("isvc", "exists"),
        Finding.error("endpoint", "connection refused")));

    assertThat(report.verdict()).isEqualTo(Status.ERROR);
    assertThat(report.exitCode()).isEqualTo(StepExit.UNAVAILABLE);
  }

  @Test
  void aFailureBesideAnErrorExitsThreeWhicheverCameFirst() {
    Finding fail = Finding.fail("pciebw", "9.1 GB/s, under 13");
    Finding error = Finding.error("dcgm", "Unable to connect to host engine");

    assertThat(CheckReport.of(List.of(fail, error)).exitCode()).isEqualTo(StepExit.CHECK_FAILED);
    assertThat(CheckReport.of(List.of(error, fail)).exitCode()).isEqualTo(StepExit.CHECK_FAILED);
    assertThat(CheckReport.of(List.of(error, fail)).verdict()).isEqualTo(Status.FAIL);
  }

  @Test
  void nothingExaminedIsAnErrorNotAPass() {
    CheckReport empty = new CheckReport();

    assertThat(empty.verdict()).isEqualTo(Status.ERROR);
    assertThat(empty.worstSoFar()).isEqualTo(Status.PASS);
    assertThat(empty.exitCode()).isEqualTo(StepExit.UNAVAILABLE);
  }

  @Test
  void onlySkippedChecksStillExitZero() {
    assertThat(CheckReport.of(List.of(Finding.skip("nvlink", "no NVLink"))).exitCode()).isEqualTo(StepExit.OK);
  }

  @Test
  void eachFindingIsToldAsItComesAndFoldedPerCheck() {
    List<String> told = new ArrayList<>();
    CheckReport report = new CheckReport(f -> told.add(f.line()));
    report.add(Finding.of("pciebw", "0", Status.PASS, "13.9 GB/s")).add(Finding.fatal("pciebw", "1", "lost"))
        .add(Finding.pass("ecc", "no errors"));

    assertThat(told).containsExactly("PASS  pciebw [0]: 13.9 GB/s", "FAIL  pciebw [1]: lost", "PASS  ecc: no errors");
    assertThat(report.byCheck()).containsExactly(java.util.Map.entry("pciebw", Status.FAIL),
        java.util.Map.entry("ecc", Status.PASS));
    assertThat(report.anyFatal()).isTrue();
  }

  @Test
  void aToolMessageWithAPercentSignIsKeptAsIs() {
    assertThat(Finding.error("xid", "disk 100% full").message()).isEqualTo("disk 100% full");
    assertThat(Finding.fail("latency", "p95 %.1f ms", 12.34).message()).isEqualTo("p95 12.3 ms");
  }
}
