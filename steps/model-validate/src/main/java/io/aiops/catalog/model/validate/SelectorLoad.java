package io.aiops.catalog.model.validate;

import io.aiops.catalog.step.http.LoadClient;
import io.aiops.catalog.step.http.ResponseParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The load over plain HTTP: a few event-loop threads, each owning many non-blocking keep-alive connections
 * through one {@link Selector}, as wrk does; a thread per connection would spend two cores switching between
 * hundreds of threads. Each request's bytes are encoded once (direct buffers, one set per loop); answers are read
 * into each connection's reused buffer by a {@link ResponseParser}. A request's timeout runs from when it is sent
 * (connecting included); when the run's deadline passes, requests still unanswered are dropped, as wrk does, so
 * that a stalled server cannot hold the run past it.
 */
final class SelectorLoad implements Runnable {
  private static final int IDLE = 0, WAITING = 1, CONNECTING = 2, WRITING = 3, READING = 4, DONE = 5;
  private static final int BUFFER = 16384;

  private final Selector selector;
  private final InetSocketAddress address;
  private final ByteBuffer[] requests;
  private final LoadTest.Schedule schedule;
  private final long timeoutNanos;
  private final long scanNanos;
  private final Conn[] conns;
  private final Tally tally = new Tally();
  private final Consumer<SelectionKey> onReady = this::ready; // one, not one per select
  private final ArrayDeque<Conn> failed = new ArrayDeque<>();
  /** Connections whose next request is due, written after the answers of the same select have all been read. */
  private final ArrayDeque<Conn> toWrite = new ArrayDeque<>();
  private long nextDue = Long.MAX_VALUE;
  private int active;
  private Exception failure;

  private SelectorLoad(InetSocketAddress address, List<LoadClient.Request> requests, LoadTest.Schedule schedule,
      long timeoutNanos, int connections) throws IOException {
    this.selector = Selector.open();
    this.address = address;
    this.requests = new ByteBuffer[requests.size()];
    for (int i = 0; i < this.requests.length; i++) {
      byte[] bytes = requests.get(i).bytes();
      this.requests[i] = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }
    this.schedule = schedule;
    this.timeoutNanos = timeoutNanos;
    this.scanNanos = Math.max(1_000_000L, Math.min(10_000_000L, timeoutNanos / 10));
    this.conns = new Conn[connections];
    for (int c = 0; c < connections; c++) {
      conns[c] = new Conn();
    }
  }

  /** The address every request goes to, when all are plain HTTP to one host and port that resolves; else null. */
  static InetSocketAddress target(List<LoadClient.Request> requests) {
    URI first = requests.get(0).uri();
    for (LoadClient.Request r : requests) {
      URI u = r.uri();
      if (!"http".equalsIgnoreCase(u.getScheme()) || u.getHost() == null || !u.getHost().equals(first.getHost())
          || u.getPort() != first.getPort()) {
        return null;
      }
    }
    InetSocketAddress address = new InetSocketAddress(first.getHost(), first.getPort() > 0 ? first.getPort() : 80);
    return address.isUnresolved() ? null : address;
  }

  /** Runs the schedule on {@code threads} loops sharing {@code concurrency} connections; their tallies. */
  static List<Tally> run(InetSocketAddress address, List<LoadClient.Request> requests, LoadTest.Schedule schedule,
      long timeoutNanos, int concurrency, int threads) {
    SelectorLoad[] loops = new SelectorLoad[threads];
    Thread[] running = new Thread[threads];
    try {
      for (int l = 0; l < threads; l++) {
        loops[l] = new SelectorLoad(address, requests, schedule, timeoutNanos,
            concurrency / threads + (l < concurrency % threads ? 1 : 0));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector for the load", e);
    }
    for (int l = 0; l < threads; l++) {
      running[l] = new Thread(loops[l], "load-loop-" + l);
      running[l].start();
    }
    LoadTest.join(running);
    for (SelectorLoad loop : loops) {
      if (loop.failure != null) {
        throw loop.failure instanceof IOException io ? new UncheckedIOException("the load's event loop failed", io)
            : new IllegalStateException("the load's event loop failed", loop.failure);
      }
    }
    return Arrays.stream(loops).map(l -> l.tally).toList();
  }

  @Override
  public void run() {
    try (selector) {
      long now = System.nanoTime();
      active = conns.length;
      for (Conn c : conns) {
        next(c, now);
      }
      long nextScan = now + scanNanos;
      while (active > 0) {
        now = System.nanoTime();
        if (now >= schedule.deadline()) {
          break;
        }
        for (int n = failed.size(); n > 0; n--) {
          next(failed.poll(), now);
        }
        if (now >= nextScan || now >= nextDue) {
          nextScan = scan(now);
        }
        while (!toWrite.isEmpty()) {
          start(toWrite.poll(), System.nanoTime());
        }
        long due = Math.min(nextDue, schedule.deadline()) - now;
        if (!failed.isEmpty()) {
          selector.selectNow(onReady);
        } else if (due < 1_000_000L) {
          LockSupport.parkNanos(due); // due within the millisecond (--rate): finer than the selector's timeout
          selector.selectNow(onReady);
        } else {
          long ms = Math.min(due / 1_000_000L, Math.max(1, (nextScan - now + 999_999L) / 1_000_000L));
          selector.select(onReady, ms);
        }
      }
    } catch (IOException | RuntimeException e) {
      failure = e;
    } finally {
      for (Conn c : conns) {
        c.close();
      }
    }
  }

  /** Times out requests past their timeout and starts those now due; when to scan again. */
  private long scan(long now) {
    nextDue = Long.MAX_VALUE;
    for (Conn c : conns) {
      if (c.state >= CONNECTING && c.state <= READING && now - c.sent >= timeoutNanos) {
        tally.failed(Tally.TIMEOUT);
        c.close();
        next(c, now);
      } else if (c.state == WAITING) {
        if (c.due <= now) {
          writeSoon(c);
        } else {
          nextDue = Math.min(nextDue, c.due);
        }
      }
    }
    return now + scanNanos;
  }

  /** The connection's next request: started now, or waiting for its time (--rate), or none left. */
  private void next(Conn c, long now) {
    long i = schedule.claim();
    long due = i < 0 ? 0 : schedule.due(i, now);
    if (i < 0 || due >= schedule.deadline()) {
      c.close();
      c.state = DONE;
      active--;
      return;
    }
    c.request = (int) (i % requests.length);
    c.due = due;
    if (due > now) {
      c.state = WAITING;
      nextDue = Math.min(nextDue, due);
    } else {
      writeSoon(c);
    }
  }

  /** Its request goes out with the others due in this select round, once all the round's answers are read. */
  private void writeSoon(Conn c) {
    c.state = IDLE;
    toWrite.add(c);
  }

  /**
   * Writes the connection's request. In a closed loop its latency runs from here, as wrk's does: the requests of
   * one select round go out together once all its answers are read, so no request's time includes the reading of
   * the others' answers. On a --rate schedule it runs from when the request was due, however late the loop got to
   * it (what wrk2 corrects wrk for).
   */
  private void start(Conn c, long now) {
    c.sent = now;
    if (!schedule.paced()) {
      c.due = now;
    }
    c.written = 0;
    c.in.clear();
    c.parser.reset();
    try {
      if (c.channel == null) {
        c.channel = SocketChannel.open();
        c.channel.configureBlocking(false);
        c.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        boolean connected = c.channel.connect(address);
        c.key = c.channel.register(selector, connected ? 0 : SelectionKey.OP_CONNECT, c);
        if (!connected) {
          c.state = CONNECTING;
          return;
        }
      }
      write(c);
    } catch (IOException | RuntimeException e) {
      fail(c, e);
    }
  }

  private void ready(SelectionKey key) {
    Conn c = (Conn) key.attachment();
    try {
      if (!key.isValid() || key != c.key) {
        return;
      }
      if (c.state == CONNECTING && key.isConnectable()) {
        c.channel.finishConnect();
        write(c);
      } else if (c.state == WRITING && key.isWritable()) {
        write(c);
      } else if (c.state == READING && key.isReadable()) {
        read(c);
      }
    } catch (IOException | RuntimeException e) {
      fail(c, e);
    }
  }

  private void write(Conn c) throws IOException {
    ByteBuffer out = requests[c.request];
    out.clear().position(c.written);
    c.written += c.channel.write(out);
    boolean all = c.written == out.limit();
    c.state = all ? READING : WRITING;
    int ops = all ? SelectionKey.OP_READ : SelectionKey.OP_WRITE;
    if (c.key.interestOps() != ops) {
      c.key.interestOps(ops);
    }
  }

  private void read(Conn c) throws IOException {
    int n = c.channel.read(c.in);
    if (n < 0) {
      c.parser.closed();
    } else if (!c.parser.read(c.in)) {
      return;
    }
    long now = System.nanoTime();
    tally.answered(c.parser.status(), now - c.due);
    if (n < 0 || c.parser.closes()) {
      c.close();
    }
    next(c, now);
  }

  /** Counted, closed, and given its next request by the loop (not here: a refused connect can fail at once). */
  private void fail(Conn c, Exception e) {
    tally.failed(e);
    c.close();
    c.state = IDLE;
    failed.add(c);
  }

  /** One connection and the request it carries. */
  private static final class Conn {
    final ByteBuffer in = ByteBuffer.allocate(BUFFER);
    final ResponseParser parser = new ResponseParser();
    SocketChannel channel;
    SelectionKey key;
    int state = IDLE;
    int request;
    int written;
    long due;
    long sent;

    void close() {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // closing a broken connection: nothing to report
        }
        channel = null;
        key = null;
      }
    }
  }
}
