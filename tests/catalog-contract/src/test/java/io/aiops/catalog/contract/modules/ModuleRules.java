package io.aiops.catalog.contract.modules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The module rules of ARCHITECTURE.md, read from the tree as it is: the root POM's modules, each module's
 * dependencies on our own artifacts, and each main source file's imports of our own packages.
 */
public final class ModuleRules {
  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([^<]+)</artifactId>");
  private static final Pattern OUR_DEPENDENCY = Pattern.compile(
      "<dependency>\\s*<groupId>io\\.aiops\\.catalog</groupId>\\s*<artifactId>([^<]+)</artifactId>");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+(io\\.aiops\\.catalog[\\w.]*);");
  private static final Pattern IMPORT = Pattern.compile("(?m)^import\\s+(?:static\\s+)?(io\\.aiops\\.catalog[\\w.]*)\\s*;");
  private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");
  /** Domain words that must not appear in step-common's code (comments may name them). */
  static final Pattern DOMAIN = Pattern.compile("(?i)\\b(?:trustyai|kserve)|InferenceService");

  /** The kinds of module, by the folder they live in. */
  enum Kind {
    COMMON, LIB, STEP, TOOL, TEST;

    static Kind of(String path) {
      if (path.equals("steps/step-common")) {
        return COMMON;
      }
      return switch (path.substring(0, path.indexOf('/'))) {
        case "libs" -> LIB;
        case "steps" -> STEP;
        case "tools" -> TOOL;
        case "tests" -> TEST;
        default -> throw new IllegalArgumentException("a module outside steps/, libs/, tools/, tests/: " + path);
      };
    }

    /** What a module of this kind may depend on (ARCHITECTURE.md, "Allowed dependencies"). */
    boolean mayUse(Kind other) {
      return switch (this) {
        case COMMON -> false;
        case LIB -> other == COMMON;
        case STEP, TOOL -> other == COMMON || other == LIB;
        case TEST -> true;
      };
    }
  }

  record Module(String path, String artifactId, Kind kind, Set<String> packages) {}

  private final Path root;
  private final Map<String, Module> byArtifact = new LinkedHashMap<>();

  public ModuleRules(Path root) {
    this.root = root;
    for (String path : matches(MODULE, read(root.resolve("pom.xml")))) {
      String pom = read(root.resolve(path).resolve("pom.xml"));
      String artifactId = artifactId(pom);
      byArtifact.put(artifactId, new Module(path, artifactId, Kind.of(path), packages(root.resolve(path))));
    }
  }

  /** Every broken rule, one line each, naming the file and the fix; empty when the tree keeps the rules. */
  public List<String> violations() {
    List<String> found = new ArrayList<>();
    for (Module module : byArtifact.values()) {
      Set<String> allowed = new TreeSet<>();
      for (String used : matches(OUR_DEPENDENCY, read(root.resolve(module.path()).resolve("pom.xml")))) {
        Module dependency = byArtifact.get(used);
        if (dependency == null) {
          continue;
        }
        if (!module.kind().mayUse(dependency.kind())) {
          found.add(module.path() + "/pom.xml: a " + module.kind() + " module may not depend on "
              + dependency.path() + " (" + dependency.kind() + "): move the shared code to step-common or a lib");
        } else {
          allowed.add(dependency.artifactId());
        }
      }
      found.addAll(importViolations(module, allowed));
      if (module.kind() == Kind.COMMON) {
        found.addAll(domainWords(module));
      }
    }
    return found;
  }

  private List<String> importViolations(Module module, Set<String> allowed) {
    List<String> found = new ArrayList<>();
    for (Path source : mainSources(root.resolve(module.path()))) {
      for (String imported : matches(IMPORT, read(source))) {
        Module owner = owner(imported);
        if (owner != null && owner != module && !allowed.contains(owner.artifactId())) {
          found.add(root.relativize(source) + ": imports " + imported + " of " + owner.path()
              + ", which " + module.path() + " may not use (ARCHITECTURE.md, allowed dependencies)");
        }
      }
    }
    return found;
  }

  private List<String> domainWords(Module module) {
    List<String> found = new ArrayList<>();
    for (Path source : mainSources(root.resolve(module.path()))) {
      Matcher word = DOMAIN.matcher(COMMENT.matcher(read(source)).replaceAll(""));
      if (word.find()) {
        found.add(root.relativize(source) + ": step-common is infrastructure only, but names '" + word.group()
            + "': move it to its domain library (libs/)");
      }
    }
    return found;
  }

  /** The module whose main sources declare the longest package that prefixes the imported name. */
  private Module owner(String imported) {
    Module best = null;
    int bestLength = -1;
    for (Module module : byArtifact.values()) {
      for (String pkg : module.packages()) {
        if ((imported.equals(pkg) || imported.startsWith(pkg + ".")) && pkg.length() > bestLength) {
          best = module;
          bestLength = pkg.length();
        }
      }
    }
    return best;
  }

  private static Set<String> packages(Path module) {
    Set<String> packages = new TreeSet<>();
    for (Path source : mainSources(module)) {
      packages.addAll(matches(PACKAGE, read(source)));
    }
    return packages;
  }

  private static List<Path> mainSources(Path module) {
    Path main = module.resolve("src/main/java");
    if (!Files.isDirectory(main)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(main)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String artifactId(String pom) {
    // the first artifactId after the parent block is the module's own
    String withoutParent = pom.replaceFirst("(?s)<parent>.*?</parent>", "");
    Matcher m = ARTIFACT.matcher(withoutParent);
    if (!m.find()) {
      throw new IllegalStateException("a pom.xml without an artifactId");
    }
    return m.group(1);
  }

  private static List<String> matches(Pattern pattern, String text) {
    List<String> all = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      all.add(m.group(1).trim());
    }
    return all;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
