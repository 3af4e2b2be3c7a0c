package io.aiops.catalog.gpu.preflight.coordinator;

import io.fabric8.kubernetes.api.model.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who pings whom: the checked nodes in a ring by name, each pinging the next {@code count} after it. Every node
 * then pings {@code count} others and is pinged by {@code count} others, so one that is cut off shows in its own
 * findings and in theirs, while the run stays linear in the nodes: pinging every other node from every node is
 * n x (n - 1) pings (25 million at 5,000 nodes, and a Job argument of 5,000 addresses each).
 */
final class PingRing {
  private final List<Node> ring;
  private final Map<String, Integer> position = new HashMap<>();
  private final int count;

  /** @param count peers per node; 0, or n - 1 or more: every other node */
  PingRing(List<Node> nodes, int count) {
    this.ring = new ArrayList<>(nodes);
    ring.sort(Comparator.comparing(n -> n.getMetadata().getName()));
    for (int i = 0; i < ring.size(); i++) {
      position.put(ring.get(i).getMetadata().getName(), i);
    }
    int others = Math.max(0, ring.size() - 1);
    this.count = count <= 0 ? others : Math.min(count, others);
  }

  /** The addresses {@code node} pings: the next {@code count} nodes after it by name, wrapping round. */
  List<String> peersOf(Node node) {
    int at = position.get(node.getMetadata().getName());
    List<String> peers = new ArrayList<>(count);
    for (int k = 1; k <= count; k++) {
      peers.add(JobFactory.address(ring.get((at + k) % ring.size())));
    }
    return peers;
  }
}
