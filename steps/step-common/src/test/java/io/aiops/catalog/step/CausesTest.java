package io.aiops.catalog.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The cause a user can act on is found however deep the wrappers put it, and a looping chain still ends. */
class CausesTest {
  @Test
  void theFirstLinkOfAnyTypeAskedIsFoundUnderTheWrappers() {
    ConnectException refused = new ConnectException("refused");
    UnknownHostException unknown = new UnknownHostException("api.example");
    refused.initCause(unknown);
    Throwable wrapped = new ExecutionException(new UncheckedIOException(new IOException("send failed", refused)));

    assertThat(Causes.find(wrapped, UnknownHostException.class, ConnectException.class)).containsSame(refused);
    assertThat(Causes.find(wrapped, UnknownHostException.class)).containsSame(unknown);
    assertThat(Causes.find(wrapped, t -> "send failed".equals(t.getMessage()))).get().isInstanceOf(IOException.class);
    assertThat(Causes.any(wrapped, SSLHandshakeException.class)).isFalse();
    assertThat(Causes.root(wrapped)).isSameAs(unknown);
    assertThat(Causes.first(wrapped, t -> t instanceof UnknownHostException u ? "unknown host " + u.getMessage()
        : t instanceof ConnectException ? "refused" : null)).as("the first link with words, not the first type")
        .contains("refused");
  }

  @Test
  void aChainThatLoopsBackEnds() {
    IOException a = new IOException("a");
    IOException b = new IOException("b", a);
    a.initCause(b);

    assertThat(Causes.any(a, SSLHandshakeException.class)).isFalse();
    assertThat(Causes.root(a)).isIn(a, b);
  }
}
