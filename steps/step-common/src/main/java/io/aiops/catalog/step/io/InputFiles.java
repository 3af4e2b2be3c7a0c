package io.aiops.catalog.step.io;

import io.aiops.catalog.step.StepException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one way a step reads a file a user named (a backup, a dataset, thresholds, a notebook, a sample). It refuses
 * what is not a regular file before opening it (a FIFO would block for ever, {@code /dev/zero} never ends), bounds
 * what it reads ({@link #DEFAULT_MAX_BYTES} unless the caller states its own limit), and says precisely what is
 * wrong: a symbolic-link loop, a directory, a file that is not UTF-8. Every problem is exit 2.
 */
public final class InputFiles {
  /** The largest user file a step reads unless it states its own limit: 256 MiB. */
  public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

  private InputFiles() {}

  /** Checks that {@code file} is a readable regular file of at most {@code maxBytes}; returns it. */
  public static Path checked(String what, Path file, long maxBytes) {
    if (!Files.exists(file)) {
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        throw StepException.usage(what + " " + file + " is a symbolic link that " + linkProblem(file)
            + ": give the file itself");
      }
      throw StepException.usage(what + " " + file + " does not exist: check the path (relative paths are "
          + "resolved against " + Path.of("").toAbsolutePath() + ")");
    }
    if (Files.isDirectory(file)) {
      throw StepException.usage(what + " " + file + " is a directory: give a file");
    }
    if (!Files.isRegularFile(file)) {
      throw StepException.usage(what + " " + file + " is not a regular file (a FIFO, device or socket): give a "
          + "file; nothing was read from it");
    }
    if (!Files.isReadable(file)) {
      throw StepException.usage(what + " " + file + " is not readable by this user: check its permissions");
    }
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw StepException.usage("cannot read " + what + " " + file + " (" + reason(e) + ")");
    }
    if (size > maxBytes) {
      throw StepException.usage(String.format("%s %s is %,d bytes, over the limit of %,d bytes: give a smaller "
          + "file", what, file, size, maxBytes));
    }
    return file;
  }

  public static byte[] readBytes(String what, Path file, long maxBytes) {
    checked(what, file, maxBytes);
    try (InputStream in = Files.newInputStream(file)) {
      // read one byte past the limit: a file that grew since it was checked is refused too
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) {
        throw StepException.usage(String.format("%s %s is over the limit of %,d bytes: give a smaller file", what,
            file, maxBytes));
      }
      return bytes;
    } catch (IOException e) {
      throw StepException.usage("cannot read " + what + " " + file + " (" + reason(e) + ")");
    }
  }

  public static byte[] readBytes(String what, Path file) {
    return readBytes(what, file, DEFAULT_MAX_BYTES);
  }

  /** The file as UTF-8 text; a file in another encoding is refused with the offset of its first bad byte. */
  public static String readString(String what, Path file, long maxBytes) {
    return utf8(what, file, readBytes(what, file, maxBytes));
  }

  public static String readString(String what, Path file) {
    return readString(what, file, DEFAULT_MAX_BYTES);
  }

  /** Decodes bytes read from {@code file} as UTF-8, refusing anything else with one clear line. */
  public static String utf8(String what, Path file, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw StepException.usage(what + " " + file + " is not UTF-8 text (first bad byte at offset "
          + firstBadByte(bytes) + "): save it as UTF-8");
    }
  }

  /**
   * Opens a large text file (a dataset) to be read as a stream: checked like {@link #readBytes}, and a byte that is
   * not UTF-8 stops the read with one clear line (exit 2) instead of the JDK's "Input length = 1".
   */
  public static java.io.BufferedReader openText(String what, Path file, long maxBytes) {
    checked(what, file, maxBytes);
    try {
      var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      java.io.Reader utf8 = new java.io.InputStreamReader(Files.newInputStream(file), decoder);
      return new java.io.BufferedReader(new java.io.FilterReader(utf8) {
        private long chars;

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
          try {
            int n = super.read(buf, off, len);
            chars += Math.max(0, n);
            return n;
          } catch (CharacterCodingException e) {
            throw StepException.usage(what + " " + file + " is not UTF-8 text (a bad byte after character " + chars
                + "): save it as UTF-8");
          }
        }
      });
    } catch (IOException e) {
      throw StepException.usage("cannot read " + what + " " + file + " (" + reason(e) + ")");
    }
  }

  /** Why an I/O call failed, without repeating the path the JDK often uses as the whole message. */
  public static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static String linkProblem(Path file) {
    try {
      file.toRealPath();
      return "cannot be followed";
    } catch (FileSystemException e) {
      String r = e.getReason() == null ? "" : e.getReason();
      if (r.contains("levels of symbolic links")) {
        return "loops (too many levels of symbolic links)";
      }
      try {
        return "points to " + Files.readSymbolicLink(file) + ", which does not exist";
      } catch (IOException ignored) {
        return "points nowhere";
      }
    } catch (IOException e) {
      return "cannot be followed (" + reason(e) + ")";
    }
  }

  private static int firstBadByte(byte[] bytes) {
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    var out = java.nio.CharBuffer.allocate(bytes.length + 1);
    var result = decoder.decode(in, out, true);
    return result.isError() ? in.position() : 0;
  }
}
