package io.aiops.catalog.accuracy;

import io.aiops.catalog.accuracy.data.Rows;
import io.aiops.catalog.step.StepException;

/**
 * Where each piece of a row comes from: the label (and slice) in the data file, the prediction and score in the
 * data file or in a second predictions file read in step with it. Column lookups happen once, before the first
 * row is scored.
 */
record Inputs(Rows data, Rows predictions, int labelColumn, int predictionColumn, int scoreColumn, int sliceColumn,
    String positive,
    String negative, double decisionThreshold) {

  /** The predicted label of the current row: the prediction column's, else the score against the threshold. */
  String predicted() {
    if (predictionColumn >= 0) {
      String value = predictions.label(predictionColumn);
      if (value == null || value.isBlank()) {
        throw StepException.usage(predictions.where() + ": the prediction is empty");
      }
      return value;
    }
    return score() >= decisionThreshold ? positive : negative;
  }

  double score() {
    if (scoreColumn < 0) {
      return Double.NaN;
    }
    double value;
    try {
      value = predictions.number(scoreColumn);
    } catch (NumberFormatException | NullPointerException e) {
      throw StepException.usage(String.format("%s: score column '%s' holds '%s', not a number", predictions.where(),
          predictions.columns().get(scoreColumn), predictions.get(scoreColumn)));
    }
    if (!Double.isFinite(value)) { // NaN, Infinity, and 1e309 (which parses as Infinity) would skew every curve
      throw StepException.usage(String.format("%s: score column '%s' holds '%s', not a finite number",
          predictions.where(), predictions.columns().get(scoreColumn), predictions.get(scoreColumn)));
    }
    return value;
  }

  String label() {
    String value = data.label(labelColumn);
    if (value == null || value.isBlank()) {
      throw StepException.usage(data.where() + ": the label ('" + data.columns().get(labelColumn) + "') is empty");
    }
    return value;
  }
}
