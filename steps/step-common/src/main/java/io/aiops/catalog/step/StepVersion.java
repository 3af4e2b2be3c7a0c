package io.aiops.catalog.step;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the catalog release the step was built from. */
public class StepVersion implements IVersionProvider {
  private static final String VERSION = load();

  @Override
  public String[] getVersion() {
    return new String[] {"aiops-catalog " + VERSION};
  }

  public static String version() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = StepVersion.class.getResourceAsStream("/aiops-catalog-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
