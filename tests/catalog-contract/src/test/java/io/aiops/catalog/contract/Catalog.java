package io.aiops.catalog.contract;

import io.aiops.catalog.runner.yaml.StrictModel;
import io.aiops.catalog.runner.yaml.TektonYaml;
import io.aiops.catalog.runner.yaml.TektonYaml.Doc;
import io.fabric8.tekton.v1.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The catalog under test: tekton/ of the checkout (system property catalog.root), at the project version. */
final class Catalog {
  static final Path ROOT = Path.of(System.getProperty("catalog.root", "../..")).toAbsolutePath().normalize();
  static final String VERSION = System.getProperty("catalog.version", "0.1.0");

  private Catalog() {}

  static List<Path> files() {
    return TektonYaml.catalogFiles(ROOT);
  }

  /** Every parsable document; a file that does not parse is reported by the strict-parse check alone. */
  static List<Doc> docs(List<Path> files) {
    List<Doc> docs = new ArrayList<>();
    for (Path f : files) {
      try {
        docs.addAll(TektonYaml.docs(f));
      } catch (RuntimeException unparsable) {
        // CatalogContractTest.parsesStrictly names it
      }
    }
    return docs;
  }

  static CatalogChecks checks() {
    return checksOver(docs(files()));
  }

  static CatalogChecks checksOver(List<Doc> docs) {
    Map<String, Task> tasks = new HashMap<>();
    docs.stream().filter(d -> d.model() instanceof Task).forEach(d -> tasks.put(d.name(), (Task) d.model()));
    return new CatalogChecks(VERSION, tasks);
  }
}
