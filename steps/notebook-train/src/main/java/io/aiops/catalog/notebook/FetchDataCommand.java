package io.aiops.catalog.notebook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.step.io.Output;
import io.aiops.catalog.step.DurationConverter;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepExit;
import io.aiops.catalog.step.StepOptions;
import io.aiops.catalog.step.http.HttpOptions;
import io.aiops.catalog.step.io.AtomicFiles;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "fetch-data", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
    description = {"Fetches the training window from Prometheus (query_range, in chunks under its 11,000-points "
        + "limit, several at a time) into a CSV: timestamp,<query>,... streamed, never the whole window in memory.",
        "Writes <out>.source.json saying which data the CSV holds. The notebook applies the mixing rule: "
            + "prometheus = 80%% real + 20%% synthetic anomalies, hybrid = 50/50, synthetic = all synthetic.",
        "Prometheus unreachable or without data: exit 4 naming the URL and query, unless --fallback=synthetic "
            + "(then an empty CSV, data-source=synthetic and a warning)."})
class FetchDataCommand implements Callable<Integer> {
  @Mixin StepOptions step;
  @Mixin HttpOptions http;

  @Option(names = "--prometheus-url", paramLabel = "URL",
      description = "Prometheus or Thanos querier, e.g. https://thanos-querier.openshift-monitoring.svc:9091.")
  String prometheusUrl;

  @Option(names = "--queries", paramLabel = "FILE", description = "YAML file: queries: [{name, query}].")
  Path queries;

  @Option(names = "--preset", paramLabel = "MODEL",
      description = "Shipped queries when --queries is not given: anomaly-detector or predictive-analytics.")
  String preset;

  @Option(names = "--hours", paramLabel = "N", description = "Training window in hours.")
  String hours;

  @Option(names = "--days", paramLabel = "N",
      description = "Deprecated (the seed's TRAINING_DAYS): the window in days; wins over --hours.")
  String days;

  @Option(names = "--end", paramLabel = "TIME", description = "Window end, RFC 3339 or Unix seconds. Default: now.")
  String end;

  @Option(names = "--step", paramLabel = "DURATION", defaultValue = "1m", converter = DurationConverter.class,
      description = "Resolution. Default: ${DEFAULT-VALUE}.")
  Duration resolution;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV to write.")
  @Output(Output.Kind.FILE)
  Path out;

  @Option(names = "--data-source", paramLabel = "SOURCE", defaultValue = "prometheus",
      description = "prometheus, hybrid or synthetic (synthetic: Prometheus is not asked). Default: ${DEFAULT-VALUE}.")
  String dataSource;

  @Option(names = "--fallback", paramLabel = "none|synthetic", defaultValue = "none",
      description = "What to do when Prometheus is unreachable or has no data. Default: ${DEFAULT-VALUE} (exit 4).")
  String fallback;

  @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
      description = "Requests in flight. Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(names = "--points-per-chunk", paramLabel = "N", defaultValue = "10000",
      description = "Points per series per request, at most 11000. Default: ${DEFAULT-VALUE}.")
  int pointsPerChunk;

  @Override
  public Integer call() {
    var log = step.log();
    String source = dataSource.strip();
    if (!PrepareCommand.DATA_SOURCES.contains(source)) {
      throw StepException.usage("--data-source '" + dataSource + "' is not one of synthetic, prometheus, hybrid");
    }
    if (!fallback.equals("none") && !fallback.equals("synthetic")) {
      throw StepException.usage("--fallback '" + fallback + "' is not none or synthetic");
    }
    String window = TrainingWindow.hours(hours, days, log);
    if (window == null) {
      throw StepException.usage("give --hours (the training window in hours, e.g. 168)");
    }
    if (pointsPerChunk < 1 || pointsPerChunk > ChunkPlan.PROMETHEUS_MAX_POINTS) {
      throw StepException.usage("--points-per-chunk must be between 1 and " + ChunkPlan.PROMETHEUS_MAX_POINTS);
    }
    ChunkPlan plan = ChunkPlan.of(FetchInputs.end(end), Duration.ofHours(Long.parseLong(window)), resolution,
        pointsPerChunk);
    boolean real = !source.equals("synthetic");
    QuerySet set = querySet(real);
    URI base = real ? FetchInputs.prometheusBase(prometheusUrl, dataSource) : null;

    if (!real) {
      log.info("DATA_SOURCE=synthetic: Prometheus is not asked; the notebook generates all the data");
      return synthetic(set, plan, source, null);
    }
    log.info("fetching %d queries from %s, %s to %s every %ss: %d points per series in %d chunk(s)",
        set.queries().size(), base, plan.start(), plan.end(), resolution.toSeconds(), plan.totalPoints(),
        plan.chunks().size());
    RangeCsvWriter.Written written;
    try {
      written = new RangeCsvWriter(new PrometheusRange(http.client(log), base, resolution), concurrency)
          .write(set, plan, out);
      for (int i = 0; i < set.queries().size(); i++) {
        if (written.pointsPerQuery()[i] == 0) {
          java.nio.file.Files.deleteIfExists(out);
          throw StepException.unavailable(String.format("Prometheus at %s returned no data for query %s between %s "
              + "and %s: check that the metric exists there (and the token may see it)", base,
              set.queries().get(i), plan.start(), plan.end()), null);
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot remove " + out + ": " + e.getMessage(), e);
    } catch (StepException e) {
      if (e.exitCode() != StepExit.UNAVAILABLE || !fallback.equals("synthetic")) {
        throw e;
      }
      log.warn("FALLBACK TO SYNTHETIC DATA (--fallback=synthetic): %s. The model will be trained on synthetic "
          + "data only; results data-source=synthetic and fallback-reason say so", e.getMessage());
      return synthetic(set, plan, source, e.getMessage());
    }
    log.info("wrote %s: %d rows (%d instants without any value skipped)", out, written.rows(), written.gapRows());
    ObjectNode record = DataSourceRecord.of(source, source, null, set, plan, written.rows());
    record.put("prometheusUrl", base.toString());
    var points = record.putObject("pointsPerQuery");
    for (int i = 0; i < set.queries().size(); i++) {
      points.put(set.queries().get(i).name(), written.pointsPerQuery()[i]);
    }
    DataSourceRecord.write(out, record);
    writeResults(source, "", written.rows());
    return StepExit.OK;
  }

  private int synthetic(QuerySet set, ChunkPlan plan, String requested, String reason) {
    AtomicFiles.write(out, "timestamp" + (set == null ? "" : "," + String.join(",", set.names())) + "\n");
    DataSourceRecord.write(out, DataSourceRecord.of(requested, "synthetic", reason, set, plan, 0));
    writeResults("synthetic", reason == null ? "" : reason, 0);
    return StepExit.OK;
  }

  private void writeResults(String used, String reason, long rows) {
    // a fallback reason can quote a long error: keep the results far from Tekton's 4 KB
    String shortReason = reason.length() > 1000 ? reason.substring(0, 1000) + "..." : reason;
    step.results().put(NotebookResult.DATA_SOURCE, used).put(NotebookResult.FALLBACK_REASON, shortReason)
        .put(NotebookResult.ROWS, rows).write();
  }

  private QuerySet querySet(boolean required) {
    if (queries != null && !queries.toString().isBlank()) {
      return QuerySet.fromFile(queries);
    }
    if (preset != null && !preset.isBlank()) {
      if (!required && !QuerySet.PRESETS.contains(preset.strip())) {
        return null;
      }
      return QuerySet.preset(preset.strip());
    }
    if (required) {
      throw StepException.usage("give the queries: --queries=FILE or --preset=" + String.join("|", QuerySet.PRESETS));
    }
    return null;
  }

}
