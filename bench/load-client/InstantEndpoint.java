import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The "instant" v2 endpoint of model-validate's benchmark: answers the Open Inference Protocol's health, ready,
 * metadata and infer calls of model "bench" at once, with a fixed answer, so that what is measured is the load
 * client (ours or wrk), not a model. Thread per keep-alive connection, HTTP/1.1 with Content-Length only.
 * Run: java InstantEndpoint.java [PORT]; prints "LISTENING <port>".
 */
public class InstantEndpoint {
  static final String METADATA = "{\"name\":\"bench\",\"versions\":[\"1\"],\"platform\":\"bench\",\"inputs\":"
      + "[{\"name\":\"input-0\",\"datatype\":\"FP32\",\"shape\":[-1,4]}],\"outputs\":[{\"name\":\"output-0\","
      + "\"datatype\":\"INT64\",\"shape\":[-1]}]}";
  static final String INFER = "{\"model_name\":\"bench\",\"outputs\":[{\"name\":\"output-0\",\"shape\":[1],"
      + "\"datatype\":\"INT64\",\"data\":[1]}]}";

  public static void main(String[] args) throws IOException {
    ServerSocket server = new ServerSocket(args.length > 0 ? Integer.parseInt(args[0]) : 0, 512,
        InetAddress.getLoopbackAddress());
    System.out.println("LISTENING " + server.getLocalPort());
    System.out.flush();
    while (true) {
      Socket s = server.accept();
      Thread t = new Thread(() -> serve(s));
      t.setDaemon(true);
      t.start();
    }
  }

  static void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 16384);
      OutputStream out = socket.getOutputStream();
      byte[] line = new byte[8192];
      while (true) {
        String request = readLine(in, line);
        if (request == null) {
          return;
        }
        int length = 0;
        for (String h = readLine(in, line); h != null && !h.isEmpty(); h = readLine(in, line)) {
          if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
            length = Integer.parseInt(h.substring(15).trim());
          }
        }
        in.skipNBytes(length);
        String path = request.split(" ")[1];
        String body = path.endsWith("/infer") ? INFER : path.equals("/v2/models/bench") ? METADATA : "{\"ready\":true}";
        int status = path.startsWith("/v2/") ? 200 : 404;
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " OK\r\nContent-Type: application/json\r\nContent-Length: " + b.length
            + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(b);
        out.flush();
      }
    } catch (IOException | RuntimeException closed) {
      // client went away
    }
  }

  static String readLine(InputStream in, byte[] buf) throws IOException {
    int n = 0;
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        return null;
      }
      if (c != '\r' && n < buf.length) {
        buf[n++] = (byte) c;
      }
    }
    return new String(buf, 0, n, StandardCharsets.ISO_8859_1);
  }
}
