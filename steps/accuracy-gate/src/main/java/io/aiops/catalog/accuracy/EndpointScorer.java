package io.aiops.catalog.accuracy;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.accuracy.data.Rows;
import io.aiops.catalog.accuracy.metrics.Labels;
import io.aiops.catalog.accuracy.metrics.Tally;
import io.aiops.catalog.step.http.ResponseBodies;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.http.StepHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Asks a served model for the predictions: rows go in batches (KServe v1 "instances" or v2 "inputs", FP64), at
 * most {@code concurrency} requests in flight, answers tallied in row order. Only the batches in flight are held.
 * An answer per row is a label, or class probabilities (the label is the most probable class's index and the
 * score the positive class's probability).
 */
final class EndpointScorer {
  private static final ObjectMapper JSON = Json.mapper();

  private record Batch(String[] labels, String[] slices, double[][] features, Future<JsonNode> answer) {}

  private final EndpointOptions options;
  private final StepHttp http;
  private final StepLog log;
  private final URI uri;

  EndpointScorer(EndpointOptions options, StepHttp http, StepLog log) {
    AccuracyGate.require(!Options.blank(options.modelName), "--endpoint needs --model-name");
    AccuracyGate.require(options.batchSize > 0 && options.concurrency > 0,
        "--batch-size and --concurrency must be at least 1");
    this.options = options;
    this.http = http;
    this.log = log;
    String base = options.url.endsWith("/") ? options.url.substring(0, options.url.length() - 1) : options.url;
    this.uri = URI.create(base + (options.protocol == EndpointOptions.Protocol.v1
        ? "/v1/models/" + options.modelName + ":predict" : "/v2/models/" + options.modelName + "/infer"));
  }

  Tally score(Rows data, int label, int slice, int[] features, String positive, boolean keepRows) {
    log.info("scoring %s through %s (%d rows a request, %d in flight)", data.source(), uri, options.batchSize,
        options.concurrency);
    int positiveIndex = positiveIndex(positive);
    String positiveLabel = positive == null ? "1" : Labels.normalise(positive);
    Tally tally = new Tally(true, keepRows);
    ExecutorService pool = Executors.newFixedThreadPool(options.concurrency);
    Deque<Batch> inFlight = new ArrayDeque<>();
    try {
      boolean more = true;
      while (more) {
        int n = 0;
        String[] labels = new String[options.batchSize];
        String[] slices = new String[options.batchSize];
        double[][] rows = new double[options.batchSize][];
        while (n < options.batchSize && (more = data.next())) {
          labels[n] = data.get(label);
          AccuracyGate.require(labels[n] != null && !labels[n].isBlank(), data.where() + ": the label is empty");
          slices[n] = slice >= 0 ? String.valueOf(data.get(slice)) : null;
          rows[n++] = features(data, features);
        }
        if (n > 0) {
          double[][] sent = java.util.Arrays.copyOf(rows, n);
          inFlight.add(new Batch(labels, slices, sent, pool.submit(() -> predict(sent))));
        }
        while (!inFlight.isEmpty() && (inFlight.size() >= options.concurrency || !more)) {
          tallyBatch(inFlight.poll(), tally, positiveIndex, positiveLabel);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    AccuracyGate.require(tally.rows() > 0, data.source() + " has no rows to score");
    return tally;
  }

  private static double[] features(Rows data, int[] columns) {
    double[] values = new double[columns.length];
    for (int i = 0; i < columns.length; i++) {
      String text = data.get(columns[i]);
      try {
        values[i] = Double.parseDouble(text);
      } catch (NumberFormatException | NullPointerException e) {
        throw StepException.usage(String.format("%s: feature '%s' holds '%s'; the endpoint takes numbers (FP64)",
            data.where(), data.columns().get(columns[i]), text));
      }
    }
    return values;
  }

  private JsonNode predict(double[][] rows) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    if (options.protocol == EndpointOptions.Protocol.v1) {
      ArrayNode instances = body.putArray("instances");
      for (double[] row : rows) {
        ArrayNode r = instances.addArray();
        for (double v : row) {
          r.add(v);
        }
      }
    } else {
      ObjectNode input = body.putArray("inputs").addObject();
      input.put("name", "input-0").put("datatype", "FP64");
      input.putArray("shape").add(rows.length).add(rows.length == 0 ? 0 : rows[0].length);
      ArrayNode flat = input.putArray("data");
      for (double[] row : rows) {
        for (double v : row) {
          flat.add(v);
        }
      }
    }
    HttpResponse<String> response = http.postJson(uri, JSON.writeValueAsString(body), true);
    int status = response.statusCode();
    if (status / 100 != 2) {
      String excerpt = ResponseBodies.excerpt(response.body());
      String message = String.format("POST %s answered %d: %s", uri, status, excerpt);
      throw status >= 500 || status == 404 ? StepException.unavailable(message, null) : StepException.usage(message);
    }
    return JSON.readTree(response.body());
  }

  private void tallyBatch(Batch batch, Tally tally, int positiveIndex, String positiveLabel) {
    JsonNode answer;
    try {
      answer = batch.answer().get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof StepException s ? s
          : StepException.unavailable("POST " + uri + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StepException.unavailable("interrupted while waiting for " + uri, e);
    }
    JsonNode predictions = options.protocol == EndpointOptions.Protocol.v1 ? answer.path("predictions")
        : answer.path("outputs").path(0).path("data");
    int n = batch.features().length;
    int perRow = predictions.size() == n ? 1 : n > 0 ? predictions.size() / n : 0;
    if (!predictions.isArray() || perRow == 0 || predictions.size() != n * perRow) {
      throw StepException.usage(String.format("%s answered %d predictions for %d rows: %s", uri,
          predictions.size(), n, answer.toString().substring(0, Math.min(300, answer.toString().length()))));
    }
    for (int i = 0; i < n; i++) {
      JsonNode p = perRow == 1 ? predictions.get(i) : null;
      double[] probabilities = p != null && p.isArray() ? doubles(p) : perRow > 1 ? doubles(predictions, i * perRow,
          perRow) : null;
      String predicted;
      double score = Double.NaN;
      if (probabilities != null) {
        int best = 0;
        for (int c = 1; c < probabilities.length; c++) {
          best = probabilities[c] > probabilities[best] ? c : best;
        }
        predicted = Integer.toString(best);
        score = positiveIndex < probabilities.length ? probabilities[positiveIndex] : Double.NaN;
      } else {
        predicted = Labels.normalise(p.asText());
      }
      tally.add(batch.labels()[i], predicted, score, positiveLabel.equals(Labels.normalise(batch.labels()[i])),
          batch.slices()[i]);
    }
  }

  private static double[] doubles(JsonNode array) {
    return doubles(array, 0, array.size());
  }

  private static double[] doubles(JsonNode array, int from, int count) {
    double[] v = new double[count];
    for (int i = 0; i < count; i++) {
      v[i] = array.get(from + i).asDouble();
      if (!Double.isFinite(v[i])) {
        throw StepException.usage("the endpoint answered the probability " + array.get(from + i) + ", not a finite "
            + "number: check the model's output");
      }
    }
    return v;
  }

  /** The class index whose probability is the score: the positive label read as an index, else 1. */
  private static int positiveIndex(String positive) {
    try {
      return positive == null ? 1 : Integer.parseInt(Labels.normalise(positive));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
