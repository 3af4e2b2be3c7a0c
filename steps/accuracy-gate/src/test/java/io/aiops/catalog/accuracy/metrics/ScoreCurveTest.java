package io.aiops.catalog.accuracy.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoreCurveTest {
  @Test
  void smallCaseMatchesSklearn() {
    // sklearn: roc_auc_score([0,0,1,1], [0.1,0.4,0.35,0.8]) = 0.75; average_precision_score = 0.8333...
    for (boolean inRowOrder : new boolean[] {false, true}) {
      ScoreCurve curve = new ScoreCurve(inRowOrder);
      curve.add(0.1, false);
      curve.add(0.4, false);
      curve.add(0.35, true);
      curve.add(0.8, true);
      double[] areas = curve.areas();
      assertThat(areas[0]).as("roc_auc, in row order " + inRowOrder).isCloseTo(0.75, within(1e-12));
      assertThat(areas[1]).as("pr_auc, in row order " + inRowOrder).isCloseTo(5.0 / 6, within(1e-12));
    }
  }

  @Test
  void mergedBlocksGiveTheSameAreasAsOneSortAcrossManyBlocksAndTies() {
    Random random = new Random(7);
    ScoreCurve merged = new ScoreCurve(false);
    ScoreCurve ordered = new ScoreCurve(true);
    int rows = ScoreCurve.BLOCK * 5 + 123;
    for (int i = 0; i < rows; i++) {
      boolean positive = random.nextDouble() < 0.1;
      // rounded to 3 places: many ties, within and across blocks and classes
      double score = Math.round((random.nextDouble() + (positive ? 0.3 : 0)) * 1000) / 1000.0;
      merged.add(score, positive);
      ordered.add(score, positive);
    }
    double[] a = merged.areas();
    double[] b = ordered.areas();
    assertThat(a[0]).isCloseTo(b[0], within(1e-12)).isBetween(0.6, 0.99);
    assertThat(a[1]).isCloseTo(b[1], within(1e-12));
    assertThat(merged.areas()).as("a second call").containsExactly(a);
  }

  @Test
  void oneClassOnlyHasNoRocAuc() {
    ScoreCurve curve = new ScoreCurve();
    curve.add(0.3, true);
    curve.add(0.9, true);
    assertThat(curve.areas()[0]).isNaN();
    assertThat(curve.areas()[1]).isEqualTo(1.0);
  }
}
