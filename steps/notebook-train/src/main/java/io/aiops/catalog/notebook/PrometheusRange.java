package io.aiops.catalog.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import io.aiops.catalog.notebook.ChunkPlan.Chunk;
import io.aiops.catalog.notebook.QuerySet.Query;
import io.aiops.catalog.step.http.ResponseBodies;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.http.StepHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One {@code /api/v1/query_range} call: the values of one single-series query over one chunk, by position. */
final class PrometheusRange {
  private final StepHttp http;
  private final URI base;
  private final Duration step;

  PrometheusRange(StepHttp http, URI base, Duration step) {
    this.http = http;
    this.base = base;
    this.step = step;
  }

  URI base() {
    return base;
  }

  /** The values at chunk.start + k*step as Prometheus wrote them ("1.5", "NaN"); null where there is none. */
  String[] fetch(Query query, Chunk chunk) {
    URI uri = URI.create(base + "/api/v1/query_range?query=" + URLEncoder.encode(query.promql(), StandardCharsets.UTF_8)
        + "&start=" + seconds(chunk.start().toEpochMilli()) + "&end=" + seconds(chunk.end().toEpochMilli())
        + "&step=" + seconds(step.toMillis()));
    HttpResponse<String> response;
    try {
      response = http.get(uri);
    } catch (StepException e) {
      throw new StepException(e.exitCode(), "Prometheus at " + base + " is unreachable for query " + query + ": "
          + e.getMessage(), e);
    }
    JsonNode body = parse(response, query);
    int status = response.statusCode();
    if (status != 200 || !"success".equals(body.path("status").asText())) {
      String error = body.path("errorType").asText("") + " " + body.path("error").asText(abbreviate(response.body()));
      String message = String.format("Prometheus at %s answered HTTP %d to query %s: %s", base, status, query,
          error.strip());
      if (status == 401 || status == 403) {
        throw StepException.usage(message + " (the token was refused: check --token-file / BEARER_TOKEN and that "
            + "the service account may read metrics, e.g. cluster-monitoring-view)");
      }
      if (status == 400 || status == 422) {
        throw StepException.usage(message);
      }
      throw new StepException(StepExit.UNAVAILABLE, message);
    }
    JsonNode result = body.path("data").path("result");
    if (result.size() > 1) {
      throw StepException.usage(String.format("query %s returns %d series between %s and %s; one column needs one "
          + "series: aggregate it, e.g. sum(...) or avg(...)", query, result.size(), chunk.start(), chunk.end()));
    }
    String[] values = new String[chunk.points()];
    if (result.isEmpty()) {
      return values;
    }
    long startMs = chunk.start().toEpochMilli();
    long stepMs = step.toMillis();
    for (JsonNode point : result.get(0).path("values")) {
      long ms = Math.round(point.get(0).asDouble() * 1000);
      long k = (ms - startMs) / stepMs;
      if (k >= 0 && k < values.length && (ms - startMs) % stepMs == 0) {
        values[(int) k] = point.get(1).asText();
      }
    }
    return values;
  }

  private JsonNode parse(HttpResponse<String> response, Query query) {
    try {
      return Notebook.JSON.readTree(response.body());
    } catch (IOException e) {
      throw new StepException(StepExit.UNAVAILABLE, String.format("%s answered HTTP %d to query %s with something "
          + "that is not Prometheus JSON (%s): is --prometheus-url right?", base, response.statusCode(), query,
          abbreviate(response.body())));
    }
  }

  private static String seconds(long millis) {
    return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format("%d.%03d", millis / 1000, millis % 1000);
  }

  private static String abbreviate(String s) {
    return ResponseBodies.excerpt(s);
  }
}
