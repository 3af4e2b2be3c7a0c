package io.aiops.catalog.accuracy;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.aiops.catalog.accuracy.data.Rows;
import io.aiops.catalog.accuracy.metrics.Labels;
import io.aiops.catalog.accuracy.metrics.Tally;
import io.aiops.catalog.step.http.ResponseBodies;
import io.aiops.catalog.kserve.InferenceEndpoint;
import io.aiops.catalog.kserve.Protocol;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepLog;
import io.aiops.catalog.step.http.StepHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Asks a served model for the predictions through the shared KServe client: rows go in batches (v1 "instances", or
 * v2 "inputs" named, typed and shaped as the model's metadata declares), at most {@code concurrency} requests in
 * flight, answers tallied in row order. Only the batches in flight are held. An answer per row is a label, or class
 * probabilities (the label is the most probable class's index and the score the positive class's probability).
 */
final class EndpointScorer {
  private static final ObjectMapper JSON = Json.mapper();

  private record Batch(String[] labels, String[] slices, int rows, Future<List<JsonNode>> answer) {}

  private final GateRequest.Endpoint options;
  private final StepHttp http;
  private final StepLog log;
  private final InferenceEndpoint endpoint;

  EndpointScorer(GateRequest.Endpoint options, StepHttp http, StepLog log) {
    this.options = options;
    this.http = http;
    this.log = log;
    this.endpoint = InferenceEndpoint.open(options.url(), options.modelName(), options.protocol(), http, log);
  }

  Tally score(Rows data, int label, int slice, int[] features, String positive, boolean keepRows) {
    URI uri = endpoint.inferUri();
    if (endpoint.protocol() == Protocol.v2) {
      endpoint.describe().ifPresentOrElse(
          in -> log.info("the model declares input %s %s %s", in.name(), in.datatype(), in.featureDims()),
          () -> log.info("the model declares no input (GET /v2/models/%s): sending input-0 as FP64", endpoint.model()));
    }
    endpoint.mismatch(features.length).ifPresent(problem -> {
      throw StepException.checkFailed(problem + ": the data's feature columns are not the served model's inputs");
    });
    log.info("scoring %s through %s (%d rows a request, %d in flight)", data.source(), uri, options.batchSize(),
        options.concurrency());
    int positiveIndex = positiveIndex(positive);
    String positiveLabel = positive == null ? "1" : Labels.normalise(positive);
    Tally tally = new Tally(true, keepRows);
    ExecutorService pool = Executors.newFixedThreadPool(options.concurrency());
    Deque<Batch> inFlight = new ArrayDeque<>();
    try {
      boolean more = true;
      while (more) {
        int n = 0;
        String[] labels = new String[options.batchSize()];
        String[] slices = new String[options.batchSize()];
        List<ArrayNode> rows = new ArrayList<>(options.batchSize());
        while (n < options.batchSize() && (more = data.next())) {
          labels[n] = data.get(label);
          AccuracyGate.require(labels[n] != null && !labels[n].isBlank(), data.where() + ": the label is empty");
          slices[n] = slice >= 0 ? String.valueOf(data.get(slice)) : null;
          rows.add(features(data, features));
          n++;
        }
        if (n > 0) {
          inFlight.add(new Batch(labels, slices, n, pool.submit(() -> predict(rows))));
        }
        while (!inFlight.isEmpty() && (inFlight.size() >= options.concurrency() || !more)) {
          tallyBatch(inFlight.poll(), tally, positiveIndex, positiveLabel);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    AccuracyGate.require(tally.rows() > 0, data.source() + " has no rows to score");
    return tally;
  }

  private static ArrayNode features(Rows data, int[] columns) {
    ArrayNode values = JsonNodeFactory.instance.arrayNode(columns.length);
    for (int column : columns) {
      String text = data.get(column);
      try {
        values.add(Double.parseDouble(text));
      } catch (NumberFormatException | NullPointerException e) {
        throw StepException.usage(String.format("%s: feature '%s' holds '%s'; the endpoint takes numbers",
            data.where(), data.columns().get(column), text));
      }
    }
    return values;
  }

  private List<JsonNode> predict(List<ArrayNode> rows) throws IOException {
    URI uri = endpoint.inferUri();
    HttpResponse<String> response = http.postJson(uri, new String(endpoint.body(rows), StandardCharsets.UTF_8),
        true);
    int status = response.statusCode();
    if (status / 100 != 2) {
      String excerpt = ResponseBodies.excerpt(response.body());
      String message = String.format("POST %s answered %d: %s", uri, status, excerpt);
      throw status >= 500 || status == 404 ? StepException.unavailable(message, null) : StepException.usage(message);
    }
    try {
      return endpoint.perRow(JSON.readTree(response.body()), rows.size());
    } catch (InferenceEndpoint.BadAnswer bad) {
      throw StepException.usage(uri + " answered " + bad.getMessage());
    }
  }

  private void tallyBatch(Batch batch, Tally tally, int positiveIndex, String positiveLabel) {
    List<JsonNode> predictions;
    try {
      predictions = batch.answer().get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof StepException s ? s
          : StepException.unavailable("POST " + endpoint.inferUri() + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StepException.unavailable("interrupted while waiting for " + endpoint.inferUri(), e);
    }
    for (int i = 0; i < batch.rows(); i++) {
      JsonNode p = predictions.get(i);
      String predicted;
      double score = Double.NaN;
      if (p.isArray()) {
        double[] probabilities = new double[p.size()];
        int best = 0;
        for (int c = 0; c < probabilities.length; c++) {
          probabilities[c] = p.get(c).asDouble();
          if (!Double.isFinite(probabilities[c])) {
            throw StepException.usage("the endpoint answered the probability " + p.get(c) + ", not a finite "
                + "number: check the model's output");
          }
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

  /** The class index whose probability is the score: the positive label read as an index, else 1. */
  private static int positiveIndex(String positive) {
    try {
      return positive == null ? 1 : Integer.parseInt(Labels.normalise(positive));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
