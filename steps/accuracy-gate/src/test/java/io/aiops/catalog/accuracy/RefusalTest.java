package io.aiops.catalog.accuracy;

import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.accuracy.GateRequest.MissingBaseline;
import io.aiops.catalog.accuracy.gate.Judgement;
import io.aiops.catalog.accuracy.gate.Judgement.Outcome;
import io.aiops.catalog.accuracy.gate.Judgement.Status;
import io.aiops.catalog.accuracy.gate.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The gate stops the pipeline exactly when the admission policy would refuse what it is asked to let through. */
class RefusalTest {
  @ParameterizedTest(name = "{0}, missing baseline {1}, deploying {2}: stops {3}")
  @CsvSource({
      "PASS,          fail, false, false", "PASS,          fail, true, false",
      "OVERRIDDEN,    fail, false, false", "OVERRIDDEN,    pass, true, false",
      "FAIL,          pass, false, true",  "FAIL,          pass, true, true",
      "NO_BASELINE,   fail, false, true",  "NO_BASELINE,   pass, false, false",
      "NO_BASELINE,   pass, true, true",
      "NO_THRESHOLDS, fail, false, false", "NO_THRESHOLDS, fail, true, true"})
  void stopsWhereTheAdmissionPolicyWouldRefuse(Verdict verdict, MissingBaseline onMissing, boolean deploying,
      boolean stops) {
    assertThat(Refusal.of(new Judgement(verdict, List.of()), onMissing, deploying).isPresent()).isEqualTo(stops);
  }

  @Test
  void aFailNamesEveryFailedClauseWithItsValues() {
    Judgement judgement = new Judgement(Verdict.FAIL, List.of(
        new Outcome("recall >= 0.8", Status.FAILED, "recall=0.71"),
        new Outcome("precision >= 0.5", Status.HELD, "precision=0.9"),
        new Outcome("f1 >= baseline.f1", Status.FAILED, "f1=0.6, baseline.f1=0.65")));

    assertThat(Refusal.of(judgement, MissingBaseline.fail, false))
        .contains("below threshold: recall >= 0.8 (recall=0.71); f1 >= baseline.f1 (f1=0.6, baseline.f1=0.65)");
  }

  @Test
  void whatIsNotDeployedSaysHowToGetItDeployed() {
    assertThat(Refusal.of(new Judgement(Verdict.NO_THRESHOLDS, List.of()), MissingBaseline.fail, true)).get()
        .asString().contains("give --threshold or --bars");
    assertThat(Refusal.of(new Judgement(Verdict.NO_BASELINE, List.of()), MissingBaseline.pass, true)).get()
        .asString().contains("give --baseline-metrics");
  }
}
