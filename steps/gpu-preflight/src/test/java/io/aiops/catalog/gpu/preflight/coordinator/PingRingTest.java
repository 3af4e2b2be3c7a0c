package io.aiops.catalog.gpu.preflight.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Who pings whom: linear in the nodes, and every node both pings and is pinged by the same number of others. */
class PingRingTest {
  static Node node(String name, String ip) {
    return new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus().addNewAddress()
        .withType("InternalIP").withAddress(ip).endAddress().endStatus().build();
  }

  @Test
  void eachNodePingsTheNextOnesByNameWrappingRound() {
    // listed out of order: the ring is by name, so every run of the same nodes pairs them the same way
    List<Node> nodes = List.of(node("gpu-c", "10.0.0.3"), node("gpu-a", "10.0.0.1"), node("gpu-e", "10.0.0.5"),
        node("gpu-b", "10.0.0.2"), node("gpu-d", "10.0.0.4"));
    PingRing ring = new PingRing(nodes, 2);

    assertThat(ring.peersOf(nodes.get(1))).containsExactly("10.0.0.2", "10.0.0.3");
    assertThat(ring.peersOf(nodes.get(2))).containsExactly("10.0.0.1", "10.0.0.2");
  }

  @Test
  void atFiveThousandNodesEveryNodePingsAndIsPingedByEightOthers() {
    List<Node> nodes = IntStream.range(0, 5000).mapToObj(i -> node(String.format("gpu-%04d", i),
        "10." + (i / 65536) + "." + (i / 256 % 256) + "." + (i % 256))).toList();
    PingRing ring = new PingRing(nodes, 8);

    Map<String, Integer> pingedBy = new HashMap<>();
    for (Node n : nodes) {
      List<String> peers = ring.peersOf(n);
      assertThat(peers).hasSize(8).doesNotHaveDuplicates().doesNotContain(JobFactory.address(n));
      peers.forEach(p -> pingedBy.merge(p, 1, Integer::sum));
    }
    assertThat(pingedBy).hasSize(5000).allSatisfy((ip, times) -> assertThat(times).isEqualTo(8));
  }

  @Test
  void zeroOrMoreThanTheOtherNodesMeansEveryOtherNode() {
    List<Node> nodes = List.of(node("a", "1.1.1.1"), node("b", "1.1.1.2"), node("c", "1.1.1.3"));

    assertThat(new PingRing(nodes, 0).peersOf(nodes.get(0))).containsExactly("1.1.1.2", "1.1.1.3");
    assertThat(new PingRing(nodes, 8).peersOf(nodes.get(2))).containsExactly("1.1.1.1", "1.1.1.2");
    assertThat(new PingRing(List.of(nodes.get(0)), 8).peersOf(nodes.get(0))).isEmpty();
  }
}
