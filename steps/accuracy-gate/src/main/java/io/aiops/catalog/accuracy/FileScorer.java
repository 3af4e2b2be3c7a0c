package io.aiops.catalog.accuracy;

import io.aiops.catalog.accuracy.metrics.Labels;
import io.aiops.catalog.accuracy.metrics.Tally;
import io.aiops.catalog.step.StepException;

/** Scores predictions that are already written down: in the data file, or in a second file row for row. */
final class FileScorer {
  private FileScorer() {}

  static Tally score(Inputs in, boolean keepRows) {
    Tally tally = new Tally(in.scoreColumn() >= 0, keepRows);
    String positive = in.positive() == null ? null : Labels.normalise(in.positive());
    boolean separate = in.predictions() != in.data();
    while (in.data().next()) {
      if (separate && !in.predictions().next()) {
        throw StepException.usage(String.format("%s has fewer rows than %s (which goes on at %s)",
            in.predictions().source(), in.data().source(), in.data().where()));
      }
      String actual = in.label();
      String slice = in.sliceColumn() >= 0 ? String.valueOf(in.data().get(in.sliceColumn())) : null;
      tally.add(actual, in.predicted(), in.score(), positive != null && positive.equals(Labels.normalise(actual)),
          slice);
    }
    if (separate && in.predictions().next()) {
      throw StepException.usage(String.format("%s has more rows than %s (the first extra one at %s)",
          in.predictions().source(), in.data().source(), in.predictions().where()));
    }
    if (tally.rows() == 0) {
      throw StepException.usage(in.data().source() + " has a header but no rows to score");
    }
    return tally;
  }
}
