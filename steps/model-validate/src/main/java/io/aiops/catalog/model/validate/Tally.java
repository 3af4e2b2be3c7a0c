package io.aiops.catalog.model.validate;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * One load thread's tallies: every answered request's latency, answers by status code (an array: no boxing per
 * request) and transport errors by kind. Written by one thread only, merged into a {@link LoadResult} after the run.
 */
final class Tally {
  static final String TIMEOUT = "timeout";

  private long[] latencies = new long[1024];
  private int count;
  private final long[] statuses = new long[1000];
  private final Map<String, Long> transport = new TreeMap<>();

  /** An answer with this status code, {@code nanos} after the request was due. */
  void answered(int status, long nanos) {
    if (count == latencies.length) {
      latencies = Arrays.copyOf(latencies, count * 2);
    }
    latencies[count++] = nanos;
    statuses[status]++;
  }

  void failed(String kind) {
    transport.merge(kind, 1L, Long::sum);
  }

  void failed(Exception e) {
    failed(kind(e));
  }

  /** The kind of transport error, as the summary names it. */
  static String kind(Exception e) {
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof SocketTimeoutException) {
      return TIMEOUT;
    }
    if (!(e instanceof IOException)) {
      return e.getClass().getSimpleName();
    }
    String m = String.valueOf(e.getMessage()).toLowerCase();
    return m.contains("reset") ? "connection reset" : m.contains("closed") ? "closed by server"
        : e.getClass().getSimpleName();
  }

  /** Every tally's figures as one result, latencies sorted for exact percentiles. */
  static LoadResult merge(LoadTest.Plan plan, Iterable<Tally> tallies, double seconds) {
    int total = 0;
    for (Tally t : tallies) {
      total += t.count;
    }
    long[] all = new long[total];
    int at = 0;
    Map<Integer, Long> statuses = new TreeMap<>();
    Map<String, Long> transport = new TreeMap<>();
    for (Tally t : tallies) {
      System.arraycopy(t.latencies, 0, all, at, t.count);
      at += t.count;
      for (int code = 0; code < t.statuses.length; code++) {
        if (t.statuses[code] > 0) {
          statuses.merge(code, t.statuses[code], Long::sum);
        }
      }
      t.transport.forEach((k, v) -> transport.merge(k, v, Long::sum));
    }
    Arrays.sort(all);
    return new LoadResult(plan, all, statuses, transport, seconds);
  }
}
