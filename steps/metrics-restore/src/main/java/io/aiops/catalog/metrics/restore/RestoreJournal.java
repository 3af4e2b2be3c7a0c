package io.aiops.catalog.metrics.restore;

import io.aiops.catalog.step.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.step.StepException;
import io.aiops.catalog.step.StepLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a restore of one backup has done, one JSON line per event, appended to a file: {@code intent} (forced to
 * disk before the POST is sent), {@code done} with the new id after it answered, {@code failed} when the service
 * refused it. A killed restore leaves entries with an intent and no outcome ("in doubt": the POST may or may not
 * have been acted on); the next run resolves them against the live listing before posting again, so it neither
 * loses nor doubles a metric. Each run starts with a {@code start} line; the first one records the ids the service
 * listed before anything was posted, so a request that was already there is never taken for one of ours.
 */
final class RestoreJournal implements AutoCloseable {
  enum State { IN_DOUBT, DONE, FAILED }

  record EntryState(State state, String newId) {}

  private static final ObjectMapper JSON = Json.mapper();

  private final Path path;
  private final String sha256;
  private final Map<Integer, EntryState> entries = new HashMap<>();
  private Set<String> baseline;
  private FileChannel channel;
  private final Object syncLock = new Object();
  private long written;
  private volatile long durable;

  private RestoreJournal(Path path, String sha256) {
    this.path = path;
    this.sha256 = sha256;
  }

  /** No journal: every entry without a past. */
  static RestoreJournal none() {
    return new RestoreJournal(null, "");
  }

  /** Reads what earlier runs recorded; a journal of another backup content is moved aside, not trusted. */
  static RestoreJournal read(Path path, String sha256, StepLog log) {
    RestoreJournal journal = new RestoreJournal(path, sha256);
    if (!Files.exists(path)) {
      return journal;
    }
    try {
      List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.isBlank()) {
          continue;
        }
        JsonNode event;
        try {
          event = JSON.readTree(line);
        } catch (IOException torn) {
          // a run killed mid-write leaves half a line; its POST was never sent (intent is forced before it)
          log.warn("%s line %d is incomplete (a killed run): ignored", path.getFileName(), i + 1);
          continue;
        }
        if (!journal.apply(event)) {
          log.warn("%s was written for another backup content (sha256 %s): keeping it aside and starting afresh",
              path.getFileName(), event.path("sha256").asText());
          Path aside = path.resolveSibling(path.getFileName() + ".stale-" + Instant.now().toEpochMilli());
          Files.move(path, aside);
          return new RestoreJournal(path, sha256);
        }
      }
      return journal;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read restore journal " + path + ": " + e.getMessage(), e);
    }
  }

  private boolean apply(JsonNode event) {
    int entry = event.path("entry").asInt(-1);
    switch (event.path("op").asText()) {
      case "start" -> {
        if (!sha256.equalsIgnoreCase(event.path("sha256").asText())) {
          return false;
        }
        if (baseline == null) {
          baseline = new java.util.HashSet<>();
          event.path("liveIds").forEach(id -> baseline.add(id.asText()));
        }
      }
      case "intent" -> entries.put(entry, new EntryState(State.IN_DOUBT, null));
      case "done" -> entries.put(entry, new EntryState(State.DONE, event.path("newId").asText(null)));
      case "failed" -> entries.put(entry, new EntryState(State.FAILED, null));
      default -> { }
    }
    return true;
  }

  Path path() {
    return path;
  }

  EntryState state(int entry) {
    return entries.get(entry);
  }

  /** Ids listed before the first run posted anything (empty before the first run). */
  Set<String> baseline() {
    return baseline == null ? Set.of() : Set.copyOf(baseline);
  }

  /**
   * Opens the journal for appending and locks it, before the listing is read and the plan made: two restores of one
   * backup at once would each post what the other is posting.
   */
  void open() {
    try {
      channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
      if (channel.tryLock() == null) {
        channel.close();
        channel = null;
        throw StepException.usage("another metrics-restore of this backup is running (it holds " + path
            + "): wait for it to finish, then run again");
      }
    } catch (java.nio.channels.OverlappingFileLockException e) {
      throw StepException.usage("another restore of this backup is running in this process (" + path + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open restore journal " + path + ": " + e.getMessage(), e);
    }
  }

  /** Records this run; the first run's live ids become the baseline. */
  void start(String serviceUrl, Collection<String> liveIds) {
    if (channel == null) {
      open();
    }
    ObjectNode start = event("start", -1, null).put("sha256", sha256).put("serviceUrl", serviceUrl);
    if (baseline == null) {
      baseline = new java.util.HashSet<>(liveIds);
      liveIds.forEach(start.putArray("liveIds")::add);
    }
    append(start);
  }

  /**
   * The intents of a whole round, forced to disk once before its first POST leaves: a POST without its intent on
   * disk cannot exist. An intent whose POST was never sent costs nothing on re-run: the listing does not hold it,
   * so it is posted then. One force per round keeps the disk out of the POSTs' way.
   */
  void intents(List<RestorePlan.Step> steps) {
    for (int i = 0; i < steps.size(); i++) {
      RestorePlan.Step s = steps.get(i);
      append(event("intent", s.index(), s.entry().id()), i == steps.size() - 1);
    }
  }

  /**
   * Not forced: a done line lost in a crash only leaves its entry in doubt, and the next run finds the request in
   * the listing and adopts it. The next intent's force (or close) writes it out anyway.
   */
  void done(int entry, String oldId, String newId, String how) {
    append(event("done", entry, oldId).put("newId", newId).put("how", how), false);
  }

  void failed(int entry, String oldId, int status, String reason) {
    append(event("failed", entry, oldId).put("status", status).put("reason", reason));
  }

  private static ObjectNode event(String op, int entry, String oldId) {
    ObjectNode e = JSON.createObjectNode().put("op", op).put("at", Instant.now().toString());
    if (entry >= 0) {
      e.put("entry", entry).put("id", oldId);
    }
    return e;
  }

  /**
   * Appends one line and returns once it is on disk. Group commit: lines appended while a force runs are made
   * durable by the next one, so 8 threads do not queue for 8 separate fsyncs.
   */
  private void append(ObjectNode event) {
    append(event, true);
  }

  private void append(ObjectNode event, boolean force) {
    byte[] line = (event.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    long mine;
    try {
      synchronized (this) {
        ByteBuffer buffer = ByteBuffer.wrap(line);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        mine = ++written;
      }
      if (!force) {
        return;
      }
      synchronized (syncLock) {
        if (durable >= mine) {
          return;
        }
        long upTo;
        synchronized (this) {
          upTo = written;
        }
        channel.force(false);
        durable = upTo;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to restore journal " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (channel != null) {
      try {
        channel.force(false);
        channel.close();
      } catch (IOException e) {
        // every intent was forced when written; a lost done line only leaves its entry to be adopted
      }
    }
  }
}
