package io.aiops.catalog.step.http;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Lets a step's JVM exit without waiting 300 ms for the JDK HttpClient.
 *
 * <p>Why: at exit HotSpot waits for every thread that is running native code to come back, up to 300 ms for
 * user threads (VM_Exit::wait_for_threads_in_native_to_block). Each JDK {@code HttpClient} (StepHttp's, and the
 * Kubernetes client's on the JDK transport) keeps a daemon "HttpClient-N-SelectorManager" thread parked in
 * {@code epoll_wait}, which is native code, for as long as the client lives; JDK 17 has no {@code
 * HttpClient.close()} (it came in 21). So every step that made one HTTP call took 0.3 s longer to exit than to do
 * its work. Interrupted, the selector thread leaves its loop and ends within milliseconds. This is done from a
 * shutdown hook, which runs after the step's result is decided and before the JVM's exit wait, and only in a JVM
 * that is exiting: tests that run a step inside their own JVM keep their clients.
 */
public final class SelectorThreads {
  private static final Pattern SELECTOR = Pattern.compile("HttpClient-\\d+-SelectorManager");
  private static final long JOIN_MS = 100;
  private static final AtomicBoolean HOOKED = new AtomicBoolean();

  private SelectorThreads() {}

  /** Once per JVM: at exit, the HTTP clients' selector threads are stopped before the JVM waits for them. */
  public static void stopAtExit() {
    if (HOOKED.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(live()), "stop-http-selector-threads"));
    }
  }

  /** The JDK HttpClient selector threads alive now. */
  public static List<Thread> live() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && SELECTOR.matcher(t.getName()).matches()).toList();
  }

  /** Interrupts {@code threads} and waits for them to end, at most {@value #JOIN_MS} ms in all. */
  public static void stop(List<Thread> threads) {
    threads.forEach(Thread::interrupt);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MS);
    for (Thread t : threads) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return;
      }
      try {
        t.join(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
