package io.aiops.catalog.step.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.ref.Reference;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JDK HttpClient's selector thread, which holds a step's exit for 300 ms, is found and stopped. */
class SelectorThreadsTest {
  HttpServer server;

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void aClientsSelectorThreadIsFoundAndEndsWhenStopped() throws IOException, InterruptedException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    server.start();
    List<Thread> before = SelectorThreads.live();
    HttpClient client = HttpClient.newHttpClient();
    HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.getAddress().getPort() + "/")).build(), HttpResponse.BodyHandlers.discarding());
    assertThat(answer.statusCode()).isEqualTo(204);

    List<Thread> ours = new ArrayList<>(SelectorThreads.live());
    ours.removeAll(before);
    assertThat(ours).as("the new client's selector thread").hasSize(1);
    Thread selector = ours.get(0);
    // a moment after the answer it may still hold a monitor, returning the connection to the pool
    long until = System.nanoTime() + 2_000_000_000L;
    while (selector.getState() != Thread.State.RUNNABLE && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(selector.getState()).as("parked in epoll_wait: native code").isEqualTo(Thread.State.RUNNABLE);

    SelectorThreads.stop(ours);

    selector.join(10_000); // stop() waits 100 ms, an exit's budget; a loaded machine may take longer to schedule it
    assertThat(selector.isAlive()).as("ended by stop(): the client is still reachable, so nothing else ends it")
        .isFalse();
    assertThat(SelectorThreads.live()).doesNotContain(selector);
    Reference.reachabilityFence(client); // not collected earlier: a collected client's thread would end by itself
  }
}
