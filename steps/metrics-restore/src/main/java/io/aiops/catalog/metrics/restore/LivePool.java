package io.aiops.catalog.metrics.restore;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aiops.catalog.trustyai.ScheduledRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The service's listing as a multiset of metrics: each live request can stand for one backup entry only, so two
 * identical entries in a backup and one live request mean one more to create.
 */
final class LivePool {
  private final Map<String, List<ScheduledRequest>> byKey = new HashMap<>();
  private final Map<String, String> keyById = new HashMap<>();

  LivePool(Collection<ScheduledRequest> live) {
    for (ScheduledRequest r : live) {
      String key = RequestContent.key(r.request());
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
      if (r.id() != null) {
        keyById.put(r.id(), key);
      }
    }
  }

  /** Takes the live request with this id out of the pool (it is accounted for); false when not listed. */
  boolean remove(String id) {
    String key = keyById.remove(id);
    return key != null && byKey.get(key).removeIf(r -> id.equals(r.id()));
  }

  /**
   * Takes out a live request that is the same metric as {@code request}, among those whose id {@code allowed}
   * accepts; an exact match of the filled-in fields is preferred to one where a side left them to the service.
   */
  Optional<ScheduledRequest> claim(ObjectNode request, Predicate<String> allowed) {
    List<ScheduledRequest> bucket = byKey.get(RequestContent.key(request));
    if (bucket == null) {
      return Optional.empty();
    }
    ScheduledRequest found = null;
    for (ScheduledRequest r : bucket) {
      if (allowed.test(r.id()) && RequestContent.identicalFilledFields(request, r.request())) {
        found = r;
        break;
      }
    }
    if (found == null) {
      for (ScheduledRequest r : bucket) {
        if (allowed.test(r.id()) && RequestContent.compatible(request, r.request())) {
          found = r;
          break;
        }
      }
    }
    if (found != null) {
      bucket.remove(found);
      keyById.remove(found.id());
    }
    return Optional.ofNullable(found);
  }
}
