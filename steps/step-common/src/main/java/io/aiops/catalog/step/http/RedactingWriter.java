package io.aiops.catalog.step.http;

import java.io.IOException;
import java.io.Writer;

/** A writer that redacts ({@link Redaction}) each line before passing it on: picocli's out and err go through it. */
public final class RedactingWriter extends Writer {
  private final Writer target;
  private final StringBuilder line = new StringBuilder();

  public RedactingWriter(Writer target) {
    this.target = target;
  }

  @Override
  public synchronized void write(char[] chars, int off, int len) throws IOException {
    for (int i = off; i < off + len; i++) {
      line.append(chars[i]);
      if (chars[i] == '\n') {
        target.write(Redaction.apply(line.toString()));
        line.setLength(0);
      }
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    if (!line.isEmpty()) {
      target.write(Redaction.apply(line.toString()));
      line.setLength(0);
    }
    target.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    flush();
    target.close();
  }
}
