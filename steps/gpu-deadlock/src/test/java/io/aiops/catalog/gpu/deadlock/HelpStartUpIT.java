package io.aiops.catalog.gpu.deadlock;

import static io.aiops.catalog.step.testing.ClassesLoaded.HTTP_CLIENT;
import static io.aiops.catalog.step.testing.ClassesLoaded.JSON_MAPPER;
import static org.assertj.core.api.Assertions.assertThat;

import io.aiops.catalog.step.testing.ClassesLoaded;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged step's {@code --help} (its own JVM, -Xlog:class+load) sets up neither the Kubernetes client's HTTP
 * layer nor a JSON mapper: picocli loads every option's type to describe it (the --strategy enum included), so
 * nothing such a type initializes may build one (a static ObjectMapper there once cost --help some 550 classes).
 */
class HelpStartUpIT {
  @TempDir Path work;

  @Test
  void helpListsTheStrategiesWithoutAnHttpClientOrAJsonMapper() throws Exception {
    ClassesLoaded.Run help = ClassesLoaded.run(Path.of("target/quarkus-app/quarkus-run.jar"), work, "help",
        "--help");

    assertThat(help.exit()).as(help.stderr()).isZero();
    assertThat(help.classes()).contains(Strategy.class.getName());
    assertThat(help.in(HTTP_CLIENT)).isEmpty();
    assertThat(help.in(JSON_MAPPER)).isEmpty();
  }
}
