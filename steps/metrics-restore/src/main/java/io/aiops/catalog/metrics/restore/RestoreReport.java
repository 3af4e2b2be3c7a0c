package io.aiops.catalog.metrics.restore;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.step.io.AtomicFiles;
import io.aiops.catalog.trustyai.ScheduledRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The outcomes of a restore: verified against the listing, counted, and written down as the id map. */
final class RestoreReport {
  static final String ID_MAP = "id-map.json";
  private static final ObjectMapper JSON = Json.pretty();
  private static final int FAILURES_SHOWN = 20;

  private final List<Outcome> outcomes;

  RestoreReport(List<Outcome> outcomes) {
    this.outcomes = new ArrayList<>(outcomes);
    this.outcomes.sort(Comparator.comparingInt(Outcome::index));
  }

  List<Outcome> outcomes() {
    return List.copyOf(outcomes);
  }

  /** Every restored or skipped entry must be listed under its id with the same content; the others fail. */
  RestoreReport verified(List<ScheduledRequest> live) {
    Map<String, ScheduledRequest> byId = new HashMap<>();
    live.forEach(r -> byId.put(r.id(), r));
    List<Outcome> checked = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (o.result() == RestoreResult.FAILED) {
        checked.add(o);
        continue;
      }
      ScheduledRequest listed = byId.get(o.newId());
      if (listed == null) {
        checked.add(Outcome.failed(o.index(), o.entry(), "verify: the service does not list " + o.newId()
            + " after the restore"));
      } else if (!RequestContent.sameMetric(o.entry().request(), listed.request())) {
        checked.add(Outcome.failed(o.index(), o.entry(), "verify: " + o.newId() + " is listed with other content"));
      } else {
        checked.add(o);
      }
    }
    return new RestoreReport(checked);
  }

  long count(RestoreResult result) {
    return outcomes.stream().filter(o -> o.result() == result).count();
  }

  List<Outcome> failures() {
    return outcomes.stream().filter(o -> o.result() == RestoreResult.FAILED).toList();
  }

  /** The exit-3 message: every failure up to a limit (the log has them all). */
  String failureSummary() {
    List<Outcome> failed = failures();
    String shown = failed.stream().limit(FAILURES_SHOWN).map(o -> o.describe() + ": " + o.reason())
        .collect(Collectors.joining("; "));
    String more = failed.size() > FAILURES_SHOWN ? "; and " + (failed.size() - FAILURES_SHOWN) + " more (see "
        + "the log)" : "";
    return String.format("%d of %d metric request(s) not restored: %s%s", failed.size(), outcomes.size(), shown,
        more);
  }

  /**
   * {@code id-map.json} beside the backup, written atomically: old id -> the id that now stands for it (new for
   * restored entries, the live one for skipped ones); failed entries are listed apart.
   */
  Path writeIdMap(BackupSource source, String serviceUrl) {
    ObjectNode root = JSON.createObjectNode();
    root.put("backupFile", source.file().getFileName().toString());
    root.put("sha256", source.sha256());
    root.put("serviceUrl", serviceUrl);
    root.put("writtenAt", Instant.now().toString());
    ObjectNode ids = root.putObject("ids");
    ObjectNode skipped = root.putObject("skipped");
    var failed = root.putArray("failed");
    for (Outcome o : outcomes) {
      String key = o.entry().id() != null ? o.entry().id() : "requests[" + o.index() + "]";
      switch (o.result()) {
        case RESTORED -> ids.put(key, o.newId());
        case SKIPPED -> skipped.put(key, o.newId());
        case FAILED -> failed.addObject().put("id", key).put("reason", o.reason());
      }
    }
    Path target = source.file().resolveSibling(ID_MAP);
    try {
      AtomicFiles.write(target, JSON.writeValueAsBytes(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }
}
