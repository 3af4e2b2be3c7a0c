package io.aiops.catalog.step.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aiops.catalog.step.StepException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A user's file, whatever it turns out to be: refused at once with the reason, exit 2, never a hang. */
class InputFilesTest {
  @TempDir Path dir;

  private static StepException refused(Runnable read) {
    try {
      read.run();
    } catch (StepException e) {
      assertThat(e.exitCode()).isEqualTo(2);
      return e;
    }
    throw new AssertionError("was read");
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS) // reading a FIFO blocks for ever: that is the failure shown here
  void aFifoIsRefusedWithoutOpeningIt() throws Exception {
    Path fifo = dir.resolve("backup.json");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mk.waitFor()).isZero();
    assertThat(refused(() -> InputFiles.readString("--file", fifo)).getMessage())
        .isEqualTo("--file " + fifo + " is not a regular file (a FIFO, device or socket): give a file; nothing was "
            + "read from it");
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void devZeroIsRefused() {
    assertThat(refused(() -> InputFiles.readBytes("--file", Path.of("/dev/zero"))).getMessage())
        .contains("not a regular file");
  }

  @Test
  void aDirectoryALoopAndAMissingFileAreEachNamed() throws Exception {
    assertThat(refused(() -> InputFiles.readString("--dataset", dir)).getMessage()).endsWith("is a directory: give a file");
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Files.createSymbolicLink(a, b);
    Files.createSymbolicLink(b, a);
    assertThat(refused(() -> InputFiles.readString("--dataset", a)).getMessage())
        .contains("loops (too many levels of symbolic links)").doesNotContain("does not exist");
    Path gone = dir.resolve("gone.csv");
    assertThat(refused(() -> InputFiles.readString("--dataset", gone)).getMessage())
        .startsWith("--dataset " + gone + " does not exist");
  }

  @Test
  void aFileOverTheLimitIsRefusedSayingTheLimit() throws Exception {
    Path big = Files.write(dir.resolve("big.json"), new byte[2048]);
    assertThat(refused(() -> InputFiles.readBytes("--file", big, 1024)).getMessage())
        .contains("2,048 bytes, over the limit of 1,024 bytes");
    assertThat(InputFiles.readBytes("--file", big, 2048)).hasSize(2048);
  }

  @Test
  void aFileThatIsNotUtf8SaysSo() throws Exception {
    Path latin1 = Files.write(dir.resolve("t.csv"), new byte[] {'a', ',', (byte) 0xe9, '\n'});
    assertThat(refused(() -> InputFiles.readString("--dataset", latin1)).getMessage())
        .isEqualTo("--dataset " + latin1 + " is not UTF-8 text (first bad byte at offset 2): save it as UTF-8");
  }

  @Test
  void theReasonNeverRepeatsThePath() {
    var e = new java.nio.file.NoSuchFileException("/x/y");
    assertThat(InputFiles.reason(e)).isEqualTo("no such file");
    assertThat(Duration.ZERO).isZero();
  }
}
