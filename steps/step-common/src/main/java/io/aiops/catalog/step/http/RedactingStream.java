package io.aiops.catalog.step.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A stream that redacts ({@link Redaction}) each line before passing it on. A step's System.out and System.err
 * go through it while its command runs, so a report printed straight to stdout is covered as well.
 */
public final class RedactingStream extends OutputStream {
  private final OutputStream target;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  private RedactingStream(OutputStream target) {
    this.target = target;
  }

  public static PrintStream around(PrintStream target) {
    return new PrintStream(new RedactingStream(target), true, StandardCharsets.UTF_8);
  }

  @Override
  public synchronized void write(int b) throws IOException {
    line.write(b);
    if (b == '\n') {
      pass();
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) {
      write(bytes[i]);
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    pass();
    target.flush();
  }

  private void pass() throws IOException {
    if (line.size() > 0) {
      target.write(Redaction.apply(line.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
      line.reset();
    }
  }
}
