package io.aiops.catalog.step;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Slow, independent calls (a ping, a list request) run a bounded number at a time, their results in input order. */
public final class Parallel {
  private Parallel() {}

  /**
   * {@code each} of {@code items}, at most {@code atOnce} at a time on daemon threads named {@code doing}; the
   * results in the order of {@code items}. The first failure (in that order) is rethrown as it was thrown.
   */
  public static <T, R> List<R> map(List<T> items, int atOnce, String doing, Function<? super T, ? extends R> each) {
    if (items.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(atOnce, items.size()), r -> {
      Thread t = new Thread(r, doing);
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<? extends R>> pending = new ArrayList<>();
      for (T item : items) {
        pending.add(pool.submit(() -> each.apply(item)));
      }
      List<R> out = new ArrayList<>();
      for (Future<? extends R> f : pending) {
        out.add(f.get());
      }
      return out;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + doing, e);
    } finally {
      pool.shutdownNow();
    }
  }
}
