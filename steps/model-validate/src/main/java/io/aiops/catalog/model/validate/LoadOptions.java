package io.aiops.catalog.model.validate;

import io.aiops.catalog.step.DurationConverter;
import io.aiops.catalog.step.StepException;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How much load to put on the endpoint, and the bounds it must hold. */
public class LoadOptions {
  @Option(names = "--load-requests", paramLabel = "N", defaultValue = "0",
      description = "Requests of the latency test; 0 with no --load-duration: no load test. Default: ${DEFAULT-VALUE}.")
  long requests;

  @Option(names = "--load-duration", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
      description = "Run the latency test this long instead of --load-requests. Default: ${DEFAULT-VALUE} (off).")
  Duration duration;

  @Option(names = "--concurrency", paramLabel = "C", defaultValue = "8",
      description = "Concurrent kept-alive connections, each one request at a time (http: all on min(cores, C) "
          + "event-loop threads; https: a thread each). Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(names = "--rate", paramLabel = "REQ_PER_S", defaultValue = "0",
      description = "Target request rate (open schedule; reports target vs achieved). Default: 0 (as fast as it answers).")
  double rate;

  @Option(names = "--max-p95-ms", paramLabel = "MS", defaultValue = "0",
      description = "FAIL when the p95 latency is over this. Default: 0 (no bound).")
  double maxP95Ms;

  @Option(names = "--max-error-rate", paramLabel = "SHARE", defaultValue = "0.01",
      description = "FAIL when more requests than this share fail (non-2xx or transport). Default: ${DEFAULT-VALUE}.")
  double maxErrorRate;

  @Option(names = "--sweep", arity = "0..1", fallbackValue = "true",
      description = "Double the concurrency from 1 until --max-p95-ms breaks; report the highest load that holds.")
  boolean sweep;

  @Option(names = "--sweep-max-concurrency", paramLabel = "C", defaultValue = "64",
      description = "Highest concurrency the sweep tries. Default: ${DEFAULT-VALUE}.")
  int sweepMaxConcurrency;

  boolean enabled() {
    return requests > 0 || !duration.isZero();
  }

  LoadTest.Plan plan() {
    boolean timed = !duration.isZero();
    return new LoadTest.Plan(timed ? Long.MAX_VALUE : requests, timed ? duration : null, concurrency, rate);
  }

  Double p95Bound() {
    return maxP95Ms > 0 ? maxP95Ms : null;
  }

  void validate() {
    if (concurrency < 1 || sweepMaxConcurrency < 1) {
      throw StepException.usage("--concurrency and --sweep-max-concurrency must be at least 1");
    }
    if (requests < 0 || duration.isNegative() || rate < 0 || maxP95Ms < 0) {
      throw StepException.usage("--load-requests, --load-duration, --rate and --max-p95-ms cannot be negative");
    }
    if (maxErrorRate < 0 || maxErrorRate > 1) {
      throw StepException.usage("--max-error-rate is a share between 0 and 1, got " + maxErrorRate);
    }
    if (sweep && (!enabled() || maxP95Ms <= 0)) {
      throw StepException.usage("--sweep needs a load per step (--load-requests or --load-duration) and the bound "
          + "to hold (--max-p95-ms)");
    }
  }
}
