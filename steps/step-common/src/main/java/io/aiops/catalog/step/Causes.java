package io.aiops.catalog.step;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A failure's chain of causes, walked in one place. The layers between a step and the network (TLS, the HTTP
 * clients, fabric8, CDI, executors) wrap what went wrong, so the cause a user can act on is often a few links down.
 */
public final class Causes {
  /** A chain that loops back on itself (A caused by B caused by A) still ends. */
  private static final int MAX_DEPTH = 64;

  private Causes() {}

  /** The first link of the chain, from {@code e} down, that is one of {@code types}. */
  public static Optional<Throwable> find(Throwable e, Class<?>... types) {
    return find(e, t -> {
      for (Class<?> type : types) {
        if (type.isInstance(t)) {
          return true;
        }
      }
      return false;
    });
  }

  /** The first link of the chain, from {@code e} down, that passes {@code test}. */
  public static Optional<Throwable> find(Throwable e, Predicate<Throwable> test) {
    return first(e, t -> test.test(t) ? t : null);
  }

  /**
   * What {@code words} makes of the first link, from {@code e} down, that it has something for (it answers null for
   * the others): the one place a failure is named by the cause that explains it.
   */
  public static <T> Optional<T> first(Throwable e, Function<Throwable, T> words) {
    Throwable t = e;
    for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
      T said = words.apply(t);
      if (said != null) {
        return Optional.of(said);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code e} or one of its causes is one of {@code types}. */
  public static boolean any(Throwable e, Class<?>... types) {
    return find(e, types).isPresent();
  }

  /** The last link: the failure that started it. */
  public static Throwable root(Throwable e) {
    Throwable root = e;
    for (int depth = 0; root.getCause() != null && depth < MAX_DEPTH; depth++) {
      root = root.getCause();
    }
    return root;
  }
}
